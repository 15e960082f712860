BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TfTestManifest) -Force
}

Describe 'Remove-TfRelease' {
    BeforeEach {
        $app = New-TfReleaseFixture
        1..12 | ForEach-Object { Set-Content publish/app.txt "build $_"; New-TfRelease ./publish -Environment production | Out-Null }
        Publish-TfRelease -Id v3 -Destination ./deploy | Out-Null
    }
    AfterEach { Remove-TfReleaseFixture $app }

    It 'runs help example 1: -WhatIf removes nothing' {
        Invoke-TfHelpExample Remove-TfRelease 1
        @(Get-TfRelease).Count | Should -Be 12
    }

    It 'runs help example 2: keeps the newest ten and the published one' {
        $removal = Invoke-TfHelpExample Remove-TfRelease 2
        $removal.Removed | Should -Be 'v2', 'v1'
        (Get-TfRelease).Id | Should -Contain 'v3'
    }

    It 'runs help example 3: removes named releases' {
        Invoke-TfHelpExample Remove-TfRelease 3 | Out-Null
        (Get-TfRelease).Id | Should -Not -Contain 'v1'
    }

    It 'removes a release whose published folder is gone, and prunes removed releases from destinations' {
        Publish-TfRelease -Id v5 -Destination ./other | Out-Null
        Publish-TfRelease -Id v4 -Destination ./deploy | Out-Null   # v3 is still laid out there, no longer current
        Remove-Item -Recurse -Force ./other
        Remove-TfRelease -Id v5, v3 -Confirm:$false
        (Get-TfRelease).Id | Should -Not -Contain 'v5'
        Test-Path ./deploy/releases/v3 | Should -BeFalse
        Test-Path ./deploy/releases/v4 | Should -BeTrue
    }

    It 'shows the bytes freed whole at 80 columns' {
        [IO.File]::WriteAllBytes((Join-Path $app 'publish/big.bin'), [byte[]]::new(1030000))
        New-TfRelease ./publish -Environment production | Out-Null
        Remove-Item publish/big.bin
        New-TfRelease ./publish -Environment production | Out-Null   # v13, the newest, could not be removed
        $lines = Remove-TfRelease -Id v13 -Confirm:$false -PassThru | Get-TfRendered -Width 80
        ($lines | Where-Object { $_ -match '^shop\b' }) | Should -Match ' 1005\.9 KiB\b'
        ($lines | Where-Object { $_.Length -gt 80 }) | Should -BeNullOrEmpty
    }

    It 'never removes the published release' {
        Remove-TfRelease -Id v3 -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -Be 'ReleaseInUse,TwelveFactor.Commands.RemoveTfReleaseCommand'
        (Get-TfRelease).Id | Should -Contain 'v3'
    }
}
