BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TfTestManifest) -Force
}

Describe 'Test-TfDisposability' {
    AfterEach {
        Pop-Location
        Remove-Item -Recurse -Force $app -ErrorAction SilentlyContinue
    }

    It 'runs help example 1: a web process that binds PORT, stops on SIGTERM, logs to stdout and keeps no state passes' {
        $app = New-TfProcfileFixture ([ordered]@{ web = 'serve' })
        $result = Invoke-TfHelpExample Test-TfDisposability 1
        $result.Passed | Should -BeTrue
        $result.Startup | Should -BeOfType [TimeSpan]
        $result.ExitCode | Should -Be 0
        $result.Killed | Should -BeFalse
        ($result.Checks | ForEach-Object { $_.Factor.Split(' ')[0] }) | Should -Be @('VII', 'IX', 'XI', 'VI')
    }

    It 'runs help example 2: the checks as a table' {
        $app = New-TfProcfileFixture ([ordered]@{ web = 'serve-log-file' })
        $checks = Invoke-TfHelpExample Test-TfDisposability 2
        ($checks | Where-Object { -not $_.Passed }).Factor | Should -Be 'XI Logs'
        ($checks | Where-Object { -not $_.Passed }).Detail | Should -Match 'app\.log'
    }

    It 'fails a process that never binds its PORT, and one that keeps state in its folder' {
        $app = New-TfProcfileFixture ([ordered]@{ web = 'never-bind'; stateful = 'serve-state-file' })
        $never = Test-TfDisposability web -Timeout 2
        $never.Passed | Should -BeFalse
        $never.Startup | Should -BeNullOrEmpty
        ($never.Checks | Where-Object Factor -like 'VII*').Detail | Should -Match "PORT $($never.Port)"
        $stateful = Test-TfDisposability stateful
        ($stateful.Checks | Where-Object Factor -like 'VI *').Passed | Should -BeFalse
        $stateful.FilesWritten | Should -Be 'state.db'
    }

    It 'fails a process that ignores SIGTERM, after the grace period' {
        $app = New-TfProcfileFixture ([ordered]@{ web = 'serve-ignore-term' })
        $result = Test-TfDisposability web -ShutdownTimeout 1
        $result.Killed | Should -BeTrue
        ($result.Checks | Where-Object Factor -like 'IX*').Passed | Should -BeFalse
    }

    It 'answers $true or $false with -Quiet, and takes types piped from Get-TfProcfile' {
        $app = New-TfProcfileFixture ([ordered]@{ web = 'serve'; admin = 'serve-log-file' })
        Test-TfDisposability web -Quiet | Should -BeTrue
        (Get-TfProcfile | Test-TfDisposability).Passed | Should -Be @($true, $false)
    }

    It 'names the types the Procfile has when asked for one it lacks' {
        $app = New-TfProcfileFixture ([ordered]@{ web = 'serve' })
        { Test-TfDisposability wbe -ErrorAction Stop } | Should -Throw -ErrorId 'ProcessTypeNotFound,TwelveFactor.Commands.TestTfDisposabilityCommand'
        $Error[0].Exception.Message | Should -Match 'Its types: web'
    }

    It 'shows the result in 80 columns' {
        $app = New-TfProcfileFixture ([ordered]@{ web = 'serve-log-file' })
        $lines = Test-TfDisposability web | Get-TfRendered -Width 80
        ($lines | Where-Object { $_.Length -gt 80 }) | Should -BeNullOrEmpty
        ($lines -join "`n") | Should -Match 'FAIL XI Logs'
        ($lines -join "`n") | Should -Match 'PASS VII Port binding'
    }
}
