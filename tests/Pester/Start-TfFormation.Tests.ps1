BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TfTestManifest) -Force

    function Test-Gone([int] $ProcessId) {
        # Gone from /proc, or a zombie nobody has reaped yet.
        $stat = "/proc/$ProcessId/stat"
        if (-not (Test-Path $stat)) { return $true }
        $text = Get-Content -Raw $stat -ErrorAction SilentlyContinue
        return (-not $text) -or ($text.Substring($text.LastIndexOf(')') + 2, 1) -in 'Z', 'X')
    }
}

Describe 'Start-TfFormation' {
    AfterEach {
        Pop-Location
        Remove-Item -Recurse -Force $app -ErrorAction SilentlyContinue
    }

    Context 'in the foreground' {
        It 'runs help example 1: ports as foreman assigns them, and one exit stops the rest' {
            $app = New-TfProcfileFixture ([ordered]@{ web = 'exit-after 3 0'; worker = 'trap-term 0' })
            $events = Invoke-TfHelpExample Start-TfFormation 1
            $started = $events | Where-Object { $_.Process -eq 'system' -and $_.Line -match 'started' } | ForEach-Object { $_.Line -replace ' \(pid \d+\)', '' }
            $started | Sort-Object | Should -Be @('web.1 started with PORT=5000', 'web.2 started with PORT=5001', 'worker.1 started with PORT=5100')
            ($events | Where-Object Process -eq 'worker.1').Line | Should -Contain 'got TERM'
            $LASTEXITCODE | Should -Be 0
        }

        It 'runs help example 2: structured lines carry their level' {
            $app = New-TfProcfileFixture ([ordered]@{ log = 'structured' })
            $errors = Invoke-TfHelpExample Start-TfFormation 2
            $errors.Line | Should -Be '{"level":"error","msg":"payment failed"}'
            $errors.Fields['msg'] | Should -Be 'payment failed'
            $errors.Stream | Should -Be ([TwelveFactor.LogStream]::Stderr)
        }

        It 'gives the processes the environment''s files, PORT and PS, and none of the shell''s variables' {
            $app = New-TfProcfileFixture ([ordered]@{ a = 'env GREETING'; b = 'env PS'; c = 'env OPERATOR_ONLY' })
            $env:OPERATOR_ONLY = 'from-my-shell'
            try { $events = Start-TfFormation -Environment production -Restart OnFailure } finally { Remove-Item Env:OPERATOR_ONLY }
            ($events | Where-Object Process -eq 'a.1' | Where-Object Stream -eq Stdout).Line | Should -Be 'production'
            ($events | Where-Object Process -eq 'b.1' | Where-Object Stream -eq Stdout).Line | Should -Be 'b.1'
            ($events | Where-Object Process -eq 'c.1' | Where-Object Stream -eq Stdout).Line | Should -Be '<unset>'
        }

        It 'sets $LASTEXITCODE to the code of the process that stopped the formation, as an error with a stable id' {
            $app = New-TfProcfileFixture ([ordered]@{ web = 'trap-term 0'; oneshot = 'exit-after 1 3' })
            { Start-TfFormation -ErrorAction Stop | Out-Null } | Should -Throw -ErrorId 'FormationProcessFailed,TwelveFactor.Commands.StartTfFormationCommand'
            $LASTEXITCODE | Should -Be 3
            $Error[0].TargetObject | Should -Be 'oneshot.1'
        }

        It 'leaves nothing running that a process started' {
            $app = New-TfProcfileFixture ([ordered]@{ parent = 'orphan' })
            $events = Start-TfFormation
            $grandchild = [int](($events | Where-Object Process -eq 'parent.1').Line)
            Test-Gone $grandchild | Should -BeTrue
        }

        It 'starts nothing under -WhatIf and says what it would start' {
            $app = New-TfProcfileFixture ([ordered]@{ web = 'serve-state-file'; worker = 'trap-term 0' })
            Start-TfFormation -Formation 'web=2' -Port 6100 -WhatIf | Should -BeNullOrEmpty
            Test-Path state.db | Should -BeFalse -Because 'the web process writes state.db when it starts'
            $step = Invoke-TfChildPwsh -Script "Start-TfFormation -Formation 'web=2' -Port 6100 -WhatIf"
            $step.StdOut | Should -Match 'web\.1 \(PORT 6100\), web\.2 \(PORT 6101\)'
            $step.StdOut | Should -Not -Match 'worker'
            Test-Path state.db | Should -BeFalse
        }

        It 'names a formation type the Procfile lacks' {
            $app = New-TfProcfileFixture ([ordered]@{ web = 'trap-term 0' })
            { Start-TfFormation -Formation 'wbe=1' -ErrorAction Stop } | Should -Throw -ErrorId 'ProcessTypeNotFound,TwelveFactor.Commands.StartTfFormationCommand'
            $Error[0].Exception.Message | Should -Match 'Its types: web'
        }

        It 'shows each line as foreman does, in 80 columns' {
            $app = New-TfProcfileFixture ([ordered]@{ log = 'structured' })
            $lines = Start-TfFormation | Get-TfRendered -Width 80
            ($lines -join "`n") | Should -Match '\d\d:\d\d:\d\d log\.1\s+\| plain text line'
            ($lines -join "`n") | Should -Match 'system\s+\| log\.1 exited with code 0'
        }

        It 'runs a release: its Procfile, its config, and its working copy removed afterwards' {
            $app = New-TfReleaseFixture
            $procfile = "web: $(Get-TfTestApp 'env API_URL')"
            Set-Content -Path publish/Procfile -Value $procfile
            $release = New-TfRelease -Path ./publish -Environment production
            $env:XDG_CACHE_HOME = Join-Path $app 'cache'
            try {
                $events = Get-TfRelease -Id $release.Id | Start-TfFormation
            }
            finally {
                Remove-Item Env:XDG_CACHE_HOME
            }

            ($events | Where-Object Process -eq 'web.1').Line | Should -Be 'https://shop.example'
            @(Get-ChildItem -Recurse -File (Join-Path $app 'cache/twelvefactor/work') -ErrorAction SilentlyContinue) | Should -HaveCount 0
            Remove-Item Env:TF_RELEASE_STORE, Env:TF_APP
        }
    }

    Context 'its job in a table' {
        It 'shows every state of a formation job whole' {
            $app = New-TfScratchFolder
            Push-Location $app   # the Describe's AfterEach leaves and removes it
            # The job view, given each state a job reports (NotStarted is ten letters).
            $lines = [Management.Automation.JobState].GetEnumNames() | ForEach-Object {
                [pscustomobject]@{ PSTypeName = 'TwelveFactor.FormationJob'; Id = 7; Name = 'Job7'; JobStateInfo = [pscustomobject]@{ State = $_ }
                    HasMoreData = $true; Command = 'web worker' }
            } | Get-TfRendered -Width 80
            foreach ($state in [Management.Automation.JobState].GetEnumNames() | Where-Object Length -le 10) {
                ($lines | Where-Object { $_ -match "^ +7 Job7 +$state +True +web worker$" }) | Should -Not -BeNullOrEmpty -Because $state
            }
        }
    }

    Context 'as a job' {
        It 'runs help example 3: events through Receive-Job, and Stop-Job stops every process gracefully' {
            $app = New-TfProcfileFixture ([ordered]@{ web = 'trap-term 0'; worker = 'trap-term 0' })
            $shown = Invoke-TfHelpExample Start-TfFormation 3
            $shown.Process | Should -Contain 'system'
            $job = Get-Job | Where-Object PSJobTypeName -eq 'TwelveFactorFormation' | Select-Object -Last 1
            $job.State | Should -Be 'Stopped'
            $rest = Receive-Job $job
            # Every process that was up (had said "ready") when Stop-Job came handled SIGTERM; on a loaded machine one
            # may still have been starting, and then the signal's default action ended it, as it would any app.
            $ready = @(($shown + $rest) | Where-Object Line -eq 'ready' | ForEach-Object Process | Sort-Object)
            $ready.Count | Should -BeGreaterThan 0
            @(($rest | Where-Object Line -eq 'got TERM').Process | Sort-Object) | Should -Be $ready
            $pids = ($shown + $rest) | Where-Object Line -match 'started \(pid (\d+)\)' | ForEach-Object { [int]($_.Line -replace '.*pid (\d+).*', '$1') }
            $pids | Should -HaveCount 2
            $pids | ForEach-Object { Test-Gone $_ | Should -BeTrue }
            Remove-Job $job
        }
    }

    Context 'when pwsh exits with a formation job still running' {
        It 'stops the formation gracefully before pwsh is gone' {
            $app = New-TfProcfileFixture ([ordered]@{ web = 'serve-mark web-stopped'; worker = 'serve-mark worker-stopped' })
            $step = Invoke-TfChildPwsh -Script @'
$job = Start-TfFormation -Port 6300 -AsJob
$deadline = (Get-Date).AddSeconds(60)
while (@(Receive-Job $job -Keep | Where-Object Line -like '*listening*').Count -lt 2 -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 50 }
Receive-Job $job -Keep | Where-Object Line -like '*started (pid*' | ForEach-Object Line
exit 0
'@
            $step.ExitCode | Should -Be 0 -Because $step.StdErr
            Test-Path (Join-Path $app 'web-stopped') | Should -BeTrue
            Test-Path (Join-Path $app 'worker-stopped') | Should -BeTrue
            $pids = ($step.StdOut -split "`n") | Where-Object { $_ -match 'started \(pid (\d+)\)' } | ForEach-Object { [int]($_ -replace '.*pid (\d+).*', '$1') }
            $pids | Should -HaveCount 2
            $pids | ForEach-Object { Test-Gone $_ | Should -BeTrue }
        }
    }

    Context 'stopped from outside: Ctrl+C, or SIGTERM to pwsh (a CI agent cancelling the step)' {
        It 'stops every process gracefully on <Signal> before pwsh is gone' -ForEach @(@{ Signal = 'INT' }, @{ Signal = 'TERM' }) {
            $app = New-TfProcfileFixture ([ordered]@{ web = 'serve-mark web-stopped'; worker = 'serve-mark worker-stopped' })
            $run = Start-TfPwshProcess -Command 'Start-TfFormation -Port 6200 | ForEach-Object { [Console]::Out.WriteLine($_.Line) }' -WaitFor 'listening' -Count 2
            try {
                ($run.Lines -match 'listening').Count | Should -Be 2 -Because ($run.Lines -join "`n")
                kill "-$Signal" $run.Process.Id
                $run.Process.WaitForExit(60000) | Should -BeTrue
                Test-Path (Join-Path $app 'web-stopped') | Should -BeTrue
                Test-Path (Join-Path $app 'worker-stopped') | Should -BeTrue
                $pids = $run.Lines | Where-Object { $_ -match 'started \(pid (\d+)\)' } | ForEach-Object { [int]($_ -replace '.*pid (\d+).*', '$1') }
                $pids | Should -HaveCount 2
                $pids | ForEach-Object { Test-Gone $_ | Should -BeTrue }
            }
            finally {
                if (-not $run.Process.HasExited) { $run.Process.Kill($true) }
            }
        }
    }
}
