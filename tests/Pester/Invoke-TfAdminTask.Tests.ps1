BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TfTestManifest) -Force
}

Describe 'Invoke-TfAdminTask' -Skip:$IsWindows {
    BeforeEach {
        $app = New-TfReleaseFixture
        New-Item -ItemType Directory scripts | Out-Null
        Set-Content scripts/check-db.sh "#!/bin/sh`necho `"level=`$LOG_LEVEL url=`$API_URL`""
        chmod 0755 scripts/check-db.sh
    }
    AfterEach { Remove-TfReleaseFixture $app }

    It 'runs help example 3: a script with the environment''s config and an override' {
        Invoke-TfHelpExample Invoke-TfAdminTask 3 | Should -Be 'level=debug url=https://staging.example'
    }

    It 'runs a release''s task with the release''s config and streams its lines' {
        New-TfRelease ./publish -Environment staging | Out-Null
        Get-TfRelease -Latest | Invoke-TfAdminTask sh -ArgumentList '-c', 'cat app.txt; echo "$DB_PASSWORD" | wc -c' | Should -Be 'one', '15'
    }

    It 'makes a non-zero exit a terminating error under -ErrorAction Stop, with $LASTEXITCODE set' {
        { Invoke-TfAdminTask sh -ArgumentList '-c', 'exit 3' -Environment staging -ErrorAction Stop } | Should -Throw -ErrorId 'AdminTaskFailed,TwelveFactor.Commands.InvokeTfAdminTaskCommand'
        $LASTEXITCODE | Should -Be 3
        Invoke-TfAdminTask sh -ArgumentList '-c', 'exit 4' -Environment staging -ErrorAction SilentlyContinue
        $? | Should -BeFalse
        $LASTEXITCODE | Should -Be 4
    }

    It 'takes -Timeout in seconds and refuses a bare number under one second' {
        $result = Invoke-TfAdminTask sh -ArgumentList '-c', 'sleep 30' -Environment staging -Timeout 1 -ShutdownTimeout 2 -PassThru -ErrorAction SilentlyContinue
        $result.TimedOut | Should -BeTrue
        $result.Duration.TotalSeconds | Should -BeLessThan 10
        { Invoke-TfAdminTask true -Environment staging -Timeout 0.5 } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,TwelveFactor.Commands.InvokeTfAdminTaskCommand'
    }

    It 'shows a duration of a day or more with its days, within its column' {
        # The view of a real result, given one that ran 25 hours (a format of hours alone showed 01:00:00.0).
        $long = [pscustomobject]@{ PSTypeName = 'TwelveFactor.AdminTaskResult'; Release = 'v12'; Environment = 'staging'; ExitCode = 0
            Duration = [TimeSpan]::FromHours(25) + [TimeSpan]::FromSeconds(7.5); TimedOut = $false; Command = 'rake db:migrate' }
        $short = Invoke-TfAdminTask sh -ArgumentList '-c', 'sleep 0.3' -Environment staging -PassThru
        $lines = @($long, $short) | Get-TfRendered -Width 80
        ($lines | Where-Object { $_ -match '^v12\b' }) | Should -Match '\b0 1\.01:00:07 +False +rake db:migrate$'
        ($lines | Where-Object { $_ -match 'sh -c' }) | Should -Match '\b0 00:00:00\.[3-9] +False'
    }

    It 'neutralises workflow commands in task output inside a pipeline step' {
        $script = @'
Invoke-TfAdminTask sh -ArgumentList '-c', 'echo "##vso[task.setvariable variable=X]1"' -Environment staging
'@
        $step = Invoke-TfChildPwsh -Script $script -Environment @{ TF_BUILD = 'True' }
        $step.StdOut | Should -Not -Match '##vso\['
        $step.StdOut | Should -Match '\*\*vso\[task\.setvariable'
    }

    It 'asks before production and refuses when it cannot ask' {
        $step = Invoke-TfChildPwsh -Script 'Invoke-TfAdminTask true -Environment production -ErrorAction Stop'
        $step.ExitCode | Should -Be 1
        $step.StdErr | Should -Match '-Force'
    }

    It 'refuses a typo of an environment instead of running with the shared config' {
        { Invoke-TfAdminTask true -Environment stagign -ErrorAction Stop } | Should -Throw -ErrorId 'EnvironmentNotFound,TwelveFactor.Commands.InvokeTfAdminTaskCommand'
    }

    It 'gives every run a fresh copy of the release, without a config file, removed at the end' {
        $env:XDG_CACHE_HOME = Join-Path $app 'cache'
        try {
            New-TfRelease ./publish -Environment staging | Out-Null
            Get-TfRelease -Latest | Invoke-TfAdminTask sh -ArgumentList '-c', 'echo tampered > app.txt; ls -A' | Should -Not -Contain '.env'
            Get-TfRelease -Latest | Invoke-TfAdminTask cat -ArgumentList app.txt | Should -Be 'one'
            Get-ChildItem -Force (Join-Path $app 'cache/twelvefactor/work') | Should -BeNullOrEmpty
            Get-TfRelease -Latest | Invoke-TfAdminTask true -KeepWorkingCopy -Verbose 4>&1 | Out-String | Should -Match 'Kept the task''s working copy'
            @(Get-ChildItem (Join-Path $app 'cache/twelvefactor/work')).Count | Should -Be 1
        }
        finally {
            Remove-Item Env:XDG_CACHE_HOME
        }
    }

    It 'refuses -Release $null instead of running with the current folder''s config' {
        $release = $null
        { Invoke-TfAdminTask true -Release $release -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,TwelveFactor.Commands.InvokeTfAdminTaskCommand'
    }

    It 'stops the task gracefully when pwsh itself gets SIGTERM (a CI agent cancelling the step)' {
        $mark = Join-Path $app 'task-stopped'
        $command = "Invoke-TfAdminTask '$(Get-TfTestApp)' -ArgumentList serve-mark, '$mark' -Set @{ PORT = '6400' } | ForEach-Object { [Console]::Out.WriteLine(`$_) }"
        $run = Start-TfPwshProcess -Command $command -WaitFor 'listening'
        try {
            ($run.Lines -match 'listening').Count | Should -Be 1 -Because ($run.Lines -join "`n")
            kill -TERM $run.Process.Id
            $run.Process.WaitForExit(60000) | Should -BeTrue
            Test-Path $mark | Should -BeTrue -Because 'the task leaves the file only when it stops on SIGTERM'
            pgrep -f ([regex]::Escape($mark)) | Should -BeNullOrEmpty
        }
        finally {
            if (-not $run.Process.HasExited) { $run.Process.Kill($true) }
        }
    }

    It 'stops a descendant that called setsid when the task ends' {
        $pidFile = Join-Path $app 'daemon.pid'
        Invoke-TfAdminTask sh -ArgumentList '-c', "setsid sh -c 'echo `$`$ > $pidFile; exec sleep 60' & sleep 0.3" -Environment staging
        $daemon = [int](Get-Content $pidFile)
        Start-Sleep -Milliseconds 200
        # Gone, or a zombie nobody reaps (a container's PID 1 may not): either way it no longer runs.
        $stat = Get-Content "/proc/$daemon/stat" -ErrorAction SilentlyContinue
        if ($stat) { $stat.Substring($stat.LastIndexOf(')') + 2, 1) | Should -BeIn 'Z', 'X' }
    }

    It 'delivers a 1 MB JSON line as one string' {
        $json = Invoke-TfAdminTask sh -ArgumentList '-c', 'printf "{\"data\":\""; head -c 1000000 /dev/zero | tr "\0" a; printf "\"}\n"' -Environment staging
        @($json).Count | Should -Be 1
        ($json | ConvertFrom-Json).data.Length | Should -Be 1000000
    }

    It 'neutralises GitHub Actions workflow commands in task output inside a GitHub Actions step' {
        $script = @'
Invoke-TfAdminTask sh -ArgumentList '-c', 'echo "::stop-commands::x"; echo "  ::error::boom"' -Environment staging
'@
        $step = Invoke-TfChildPwsh -Script $script -Environment @{ GITHUB_ACTIONS = 'true' }
        $step.StdOut -split "`n" | Where-Object { $_.TrimStart().StartsWith('::', [StringComparison]::Ordinal) } | Should -BeNullOrEmpty
        $step.StdOut | Should -Match '\*\*stop-commands::x'
    }

    It 'refuses production when standard input is at end of file, as in a CI step' {
        $step = Invoke-TfChildPwsh -StdinAtEndOfFile -Script "Invoke-TfAdminTask true -Environment production; 'exit:' + `$?"
        $step.StdOut | Should -Match '\(default is "N"\)'
        $step.StdOut | Should -Match 'exit:False'
        $step.StdErr | Should -Match '-Force'
        "$($step.StdOut)$($step.StdErr)" | Should -Not -Match 'NullReferenceException'
    }

    It 'records the app and the store in the audit trail and filters by app' {
        Invoke-TfAdminTask true -Environment staging
        $record = Get-TfAdminTask -Newest 1
        $record.App | Should -Be 'shop'
        $record.Store | Should -Match 'store'
        Get-TfAdminTask -App other | Should -BeNullOrEmpty
        @(Get-TfAdminTask -App shop).Count | Should -BeGreaterThan 0
    }

    It 'shows the task''s stderr lines as compactly as pwsh shows a native command''s, in a script' {
        $step = Invoke-TfChildPwsh -Script "Invoke-TfAdminTask sh -ArgumentList '-c', 'echo first-problem >&2; echo second-problem >&2' -Environment staging"
        $lines = $step.StdErr -split "`n" | Where-Object { $_.Trim() }
        $lines | Should -Be 'Invoke-TfAdminTask: first-problem', 'Invoke-TfAdminTask: second-problem'
        $step.StdErr | Should -Not -Match 'Line \|'
    }

    It 'lets a value use this machine''s $PATH, while the environment''s own keys win over the shell' {
        Add-Content .env.staging 'PATH=${PATH}:/opt/tf-extra'
        $env:API_URL = 'https://from-shell.example'
        try {
            $out = Invoke-TfAdminTask sh -ArgumentList '-c', 'echo "$PATH|$API_URL"' -Environment staging
            $out | Should -Be "$($env:PATH):/opt/tf-extra|https://staging.example"
        }
        finally {
            Remove-Item Env:API_URL
        }
    }

    It 'masks credentials in the audit trail' {
        Invoke-TfAdminTask sh -ArgumentList '-c', 'true', 'PGPASSWORD=S3cretPass', '-pS3cretPass', 'Authorization: Bearer S3cretPass' -Environment staging
        $record = Get-TfAdminTask -Newest 1
        ($record | Format-List * | Out-String) | Should -Not -Match 'S3cretPass'
        $record.Command | Should -Match 'PGPASSWORD=\*{8}'
    }
}
