BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TfTestManifest) -Force
}

Describe 'Publish-TfRelease' {
    BeforeEach {
        $app = New-TfReleaseFixture
        New-TfRelease ./publish -Environment production | Out-Null
    }
    AfterEach { Remove-TfReleaseFixture $app }

    It 'runs help example 1: publishes the newest release' -Skip:$IsWindows {
        $publication = Invoke-TfHelpExample Publish-TfRelease 1 -Root $app
        $publication.Id | Should -Be 'v1'
        (Get-Item (Join-Path $app 'srv/shop/current')).LinkTarget | Should -Be 'releases/v1'
        Get-Content (Join-Path $app 'srv/shop/current/.env') | Should -Contain 'API_URL=https://shop.example'
    }

    It 'runs help example 3: copies instead of links' -Skip:$IsWindows {
        $publication = Invoke-TfHelpExample Publish-TfRelease 3 -Root $app
        $publication.FilesCopied | Should -Be 2
        $publication.FilesLinked | Should -Be 0
    }

    It 'refuses a symlinked releases folder and writes nothing into its target' -Skip:$IsWindows {
        New-Item -ItemType Directory -Path deploy, elsewhere | Out-Null
        New-Item -ItemType SymbolicLink -Path deploy/releases -Target ../elsewhere | Out-Null
        { Publish-TfRelease -Id v1 -Destination ./deploy -ErrorAction Stop } | Should -Throw -ErrorId 'DestinationUnsafe,TwelveFactor.Commands.PublishTfReleaseCommand'
        Get-ChildItem elsewhere | Should -BeNullOrEmpty
    }

    It 'keeps a private file private and a closed folder closed' -Skip:$IsWindows {
        New-Item -ItemType Directory publish/keys | Out-Null
        Set-Content publish/keys/master.key 'k'
        chmod 0600 publish/keys/master.key
        chmod 0700 publish/keys
        New-TfRelease ./publish -Environment production | Publish-TfRelease -Destination ./deploy | Out-Null
        stat -c '%a' ./deploy/current/keys/master.key | Should -Be '600'
        stat -c '%a' ./deploy/current/keys | Should -Be '700'
    }

    It 'publishes from the store the piped release came from' -Skip:$IsWindows {
        $other = Join-Path $app 'other-store'
        $release = New-TfRelease ./publish -Environment production -Store $other
        $release.Store | Should -Be $other
        $publication = $release | Publish-TfRelease -Destination ./deploy-other
        $publication.Id | Should -Be 'v1'
        (Get-TfRelease -Store $other | Test-TfRelease).IsValid | Should -BeTrue
        Get-TfRelease -Store $other | Invoke-TfAdminTask cat -ArgumentList app.txt -Force | Should -Be 'one'
    }

    It 'stops before touching the destination when a stored file was changed through a published link' -Skip:$IsWindows {
        Publish-TfRelease -Id v1 -Destination ./deploy | Out-Null
        chmod 0644 ./deploy/current/app.txt
        Add-Content ./deploy/current/app.txt 'fix'
        { Publish-TfRelease -Id v1 -Destination ./elsewhere -ErrorAction Stop } | Should -Throw -ErrorId 'StoreVerificationFailed,TwelveFactor.Commands.PublishTfReleaseCommand'
        Test-Path ./elsewhere | Should -BeFalse
        (Test-TfRelease -Repair -Path ./publish).IsValid | Should -BeTrue
        Publish-TfRelease -Id v1 -Destination ./elsewhere | Out-Null
        Get-Content ./elsewhere/current/app.txt | Should -Be 'one'
    }

    It 'names a destination that is a file, and leaves it as it was' {
        Set-Content ./deploy.txt 'notes'
        { Publish-TfRelease -Id v1 -Destination ./deploy.txt -ErrorAction Stop } | Should -Throw -ErrorId 'ReleasePublishFailed,TwelveFactor.Commands.PublishTfReleaseCommand'
        Publish-TfRelease -Id v1 -Destination ./deploy.txt -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].Exception.Message | Should -Match "deploy\.txt' is a file\. -Destination names the deploy folder"
        $err[0].TargetObject | Should -Be (Join-Path $app 'deploy.txt')
        Get-Content ./deploy.txt | Should -Be 'notes'
    }

    It 'shows what it would do with -WhatIf and changes nothing' {
        Publish-TfRelease -Id v1 -Destination ./deploy -WhatIf
        Test-Path ./deploy | Should -BeFalse
    }

    It 'shows a five-digit id whole on its row' {
        $publication = [pscustomobject]@{ PSTypeName = 'TwelveFactor.ReleasePublication'; App = 'shop'; Id = 'v10000'; PreviousId = 'v9999'
            FilesLinked = 10; FilesCopied = 2; ReleasePath = '/srv/shop/releases/v10000' }
        $lines = $publication | Get-TfRendered -Width 80
        ($lines | Where-Object { $_ -match '^shop\b' }) | Should -Match '^shop +v10000 +v9999 +10 +2 /srv/shop/releases/v10000$'
    }

    It 'renders its result in 80 columns without squeezing the release path away' {
        $lines = Publish-TfRelease -Id v1 -Destination ./deploy | Get-TfRendered -Width 80
        ($lines | Where-Object { $_.Length -gt 80 }) | Should -BeNullOrEmpty
        ($lines -join "`n") | Should -Match 'v1'
    }
}
