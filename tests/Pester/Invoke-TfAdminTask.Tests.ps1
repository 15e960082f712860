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

    It 'masks credentials in the audit trail' {
        Invoke-TfAdminTask sh -ArgumentList '-c', 'true', 'PGPASSWORD=S3cretPass', '-pS3cretPass', 'Authorization: Bearer S3cretPass' -Environment staging
        $record = Get-TfAdminTask -Newest 1
        ($record | Format-List * | Out-String) | Should -Not -Match 'S3cretPass'
        $record.Command | Should -Match 'PGPASSWORD=\*{8}'
    }
}
