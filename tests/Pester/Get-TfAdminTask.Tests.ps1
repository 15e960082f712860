BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TfTestManifest) -Force
}

Describe 'Get-TfAdminTask' -Skip:$IsWindows {
    BeforeEach {
        $app = New-TfReleaseFixture
        1..12 | ForEach-Object { New-TfRelease ./publish -Environment staging | Out-Null }
        Get-TfRelease -Id v12 | Invoke-TfAdminTask true | Out-Null
        Invoke-TfAdminTask sh -ArgumentList '-c', 'exit 2' -Environment staging -ErrorAction SilentlyContinue
    }
    AfterEach { Remove-TfReleaseFixture $app }

    It 'runs help example 1: the newest runs first' {
        $records = Invoke-TfHelpExample Get-TfAdminTask 1
        $records.Count | Should -Be 2
        $records[0].ExitCode | Should -Be 2
    }

    It 'runs help example 2: the runs of one release' {
        $records = @(Invoke-TfHelpExample Get-TfAdminTask 2)
        $records.Count | Should -Be 1
        $records[0].Release | Should -Be 'v12'
    }

    It 'keeps -Last as an alias of -Newest' {
        @(Get-TfAdminTask -Last 1).Count | Should -Be 1
    }

    It 'renders in 80 columns' {
        $lines = Get-TfAdminTask | Get-TfRendered -Width 80
        ($lines | Where-Object { $_.Length -gt 80 }) | Should -BeNullOrEmpty
        ($lines -join "`n") | Should -Match 'v12'
    }
}
