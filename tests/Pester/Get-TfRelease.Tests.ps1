BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TfTestManifest) -Force
}

Describe 'Get-TfRelease' {
    BeforeEach {
        $app = New-TfReleaseFixture
        New-TfRelease ./publish -Environment staging -Description 'first release' | Out-Null
        Set-Content publish/app.txt 'two'
        New-TfRelease ./publish -Environment production | Out-Null
    }
    AfterEach { Remove-TfReleaseFixture $app }

    It 'runs help example 1: lists the releases newest first' {
        (Invoke-TfHelpExample Get-TfRelease 1).Id | Should -Be 'v2', 'v1'
    }

    It 'runs help example 2: publishes the newest production release' -Skip:$IsWindows {
        (Invoke-TfHelpExample Get-TfRelease 2 -Root $app).Id | Should -Be 'v2'
    }

    It 'runs help example 3: the published release' {
        Publish-TfRelease -Id v1 -Destination ./deploy | Out-Null
        (Invoke-TfHelpExample Get-TfRelease 3).Id | Should -Be 'v1'
    }

    It 'reports an unknown release with a stable id and says where it looked' {
        { Get-TfRelease -Id v99 -ErrorAction Stop } | Should -Throw -ErrorId 'ReleaseNotFound,TwelveFactor.Commands.GetTfReleaseCommand'
        Get-TfRelease -Id v99 -ErrorAction SilentlyContinue
        $? | Should -BeFalse
    }

    It 'reports a manifest replaced by a fifo as store damage, without waiting on it' -Skip:$IsWindows {
        $manifest = Join-Path $app 'store/apps/shop/releases/v2.json'
        Remove-Item $manifest
        mkfifo $manifest
        $step = Invoke-TfChildPwsh -Script 'Get-TfRelease -ErrorAction Continue; "exit=$?"' -Environment @{ TF_RELEASE_STORE = "$app/store"; TF_APP = 'shop' }
        $step.StdOut | Should -Match 'exit=False'
        (($step.StdOut + $step.StdErr) -replace '\s+\|?\s*', ' ') | Should -Match "v2\.json' is a fifo, not a regular file: something other than TwelveFactor put it there"
    }

    It 'reports a store that does not exist and never creates one' {
        $typo = Join-Path $app 'stroe'
        { Get-TfRelease -Store $typo -ErrorAction Stop } | Should -Throw -ErrorId 'StoreNotFound,TwelveFactor.Commands.GetTfReleaseCommand'
        Test-Path $typo | Should -BeFalse
    }

    It 'shows a table that fits a CI log' {
        $lines = Get-TfRelease | Get-TfRendered -Width 80
        ($lines | Where-Object { $_.Length -gt 80 }) | Should -BeNullOrEmpty
        ($lines | Where-Object { $_ -match '^v1\b' }) | Should -Match 'staging'
    }

    It 'shows a size of four digits whole on its row at 80 columns' {
        # 1,030,018 bytes is 1005.9 KiB: ten characters, which a nine-wide column wrapped onto a second line.
        [IO.File]::WriteAllBytes((Join-Path $app 'publish/big.bin'), [byte[]]::new(1030000))
        New-TfRelease ./publish -Environment staging | Out-Null
        $lines = Get-TfRelease -Id v3 | Get-TfRendered -Width 80
        ($lines | Where-Object { $_ -match '^v3\b' }) | Should -Match ' 1005\.9 KiB\s*$'
        ($lines | Where-Object { $_ -match '^\s+B\s*$' }) | Should -BeNullOrEmpty
    }

    It 'shows a published five-digit id whole on its row' {
        $release = [pscustomobject]@{ PSTypeName = 'TwelveFactor.Release'; App = 'shop'; Id = 'v10000'; Environment = 'production'
            CreatedAt = [DateTimeOffset]::UtcNow; FileCount = 12; Size = 2048; Description = 'nightly'; Image = $null; PublishedTo = @('/srv/shop') }
        $lines = $release | Get-TfRendered -Width 80
        ($lines | Where-Object { $_ -match '^v10000\* +production\b' }) | Should -Match ' 12 +2\.0 KiB nightly \(current at'
    }

    It 'shows a release description that carries a logging command without letting it run' {
        New-TfRelease ./publish -Environment staging -Description '##vso[task.complete result=Succeeded;]' | Out-Null
        $step = Invoke-TfChildPwsh -Script 'Get-TfRelease' -Environment @{ TF_BUILD = 'True'; TF_RELEASE_STORE = "$app/store"; TF_APP = 'shop' }
        $step.StdOut | Should -Not -Match '##vso\['
        $step.StdOut | Should -Match '\*\*vso\[task\.complete'
    }

    It 'completes release ids, newest first' {
        Get-TfCompletion 'Get-TfRelease -Id ' | Should -Be 'v2', 'v1'
    }
}
