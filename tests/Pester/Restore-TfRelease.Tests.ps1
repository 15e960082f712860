BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TfTestManifest) -Force
}

Describe 'Restore-TfRelease' {
    BeforeEach {
        $app = New-TfReleaseFixture
        1..3 | ForEach-Object { Set-Content publish/app.txt "build $_"; New-TfRelease ./publish -Environment production | Out-Null }
    }
    AfterEach { Remove-TfReleaseFixture $app }

    It 'runs help example 1: rolls back to v3 as a new release' -Skip:$IsWindows {
        Set-Content publish/app.txt 'build 4'
        New-TfRelease ./publish -Environment production | Out-Null
        $release = Invoke-TfHelpExample Restore-TfRelease 1 -Root $app
        $release.Id | Should -Be 'v5'
        $release.RestoredFrom | Should -Be 'v3'
        Get-Content (Join-Path $app 'srv/shop/current/app.txt') | Should -Be 'build 3'
    }

    It 'runs help example 2: back to the release before the live one' -Skip:$IsWindows {
        Publish-TfRelease -Id v3 -Destination (Join-Path $app 'srv/shop') | Out-Null
        $release = Invoke-TfHelpExample Restore-TfRelease 2 -Root $app
        $release.RestoredFrom | Should -Be 'v2'
        Get-Content (Join-Path $app 'srv/shop/current/app.txt') | Should -Be 'build 2'
    }

    It 'pins the error for an unknown release' {
        { Restore-TfRelease -Id v42 -ErrorAction Stop } | Should -Throw -ErrorId 'ReleaseNotFound,TwelveFactor.Commands.RestoreTfReleaseCommand'
    }
}
