BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TfTestManifest) -Force
}

Describe 'Test-TfConfig' {
    BeforeEach {
        $app = New-TfScratchFolder
        Push-Location $app
        Set-Content .env.production "PORT=5000`nDATABASE_URL=postgres://db/app"
        Set-Content config.schema.yaml "keys:`n  PORT:`n    type: port`n  DATABASE_URL:`n    type: url`n  API_KEY:`n    required: true"
    }
    AfterEach {
        Pop-Location
        Remove-Item -Recurse -Force $app
    }

    It 'runs help example 1: lints the production files' {
        Invoke-TfHelpExample Test-TfConfig 1 | Where-Object Severity -eq 'Error' | Should -BeNullOrEmpty
    }

    It 'runs help example 2: a missing required key fails the script' {
        { Invoke-TfHelpExample Test-TfConfig 2 } | Should -Throw 'config check failed'
    }

    It 'finds dotfiles with a wildcard and fails on a path that matches nothing' {
        Set-Content .env.staging 'lower=1'
        $findings = Test-TfConfig -Path .env.*
        ($findings | Where-Object Rule -eq LowercaseKey).Key | Should -Be 'lower'
        Test-TfConfig -Path ./nothing.* -ErrorVariable failed -ErrorAction SilentlyContinue
        $? | Should -BeFalse
        $failed[0].FullyQualifiedErrorId | Should -Be 'ConfigFileNotFound,TwelveFactor.Commands.TestTfConfigCommand'
    }

    It 'fails the step with -Strict and answers with -Quiet' {
        Set-Content .env.production 'A=${MISSING:?set MISSING}'
        Test-TfConfig -Environment production -Quiet | Should -BeFalse
        { Test-TfConfig -Environment production -Strict } | Should -Throw -ErrorId 'ConfigCheckFailed,TwelveFactor.Commands.TestTfConfigCommand'
        Set-Content .env.production 'A=1'
        Test-TfConfig -Environment production -Quiet | Should -BeTrue
    }

    It 'writes logissue lines in an Azure Pipelines step' {
        Set-Content .env.production "BAD-NAME=1"
        $step = Invoke-TfChildPwsh -Script 'Test-TfConfig -Environment production | Out-Null' -Environment @{ TF_BUILD = 'True' }
        $step.StdOut -split "`n" | Where-Object { $_ -like '##vso`[task.logissue type=warning;sourcepath=*' } | Should -Match 'IncorrectDelimiter'
    }

    It 'checks key delimiters as dotenv-linter does and reads blanks inside a substitution as part of it' {
        Set-Content .env.production "BAD-NAME=1`nOK=`${VAR:-a default}"
        $rules = (Test-TfConfig -Environment production).Rule
        $rules | Should -Contain 'IncorrectDelimiter'
        $rules | Should -Not -Contain 'ValueWithoutQuotes'
    }

    It 'reports a schema nested to exhaust the reader as an error, and pwsh lives on' {
        Set-Content deep.yaml ("keys:`n  PORT: " + ('[' * 200000) + (']' * 200000))
        $step = Invoke-TfChildPwsh -Script 'Test-TfConfig -Environment production -Schema ./deep.yaml -ErrorAction Continue; "still here"'
        # A pipeline step's stderr wraps the message at 80 columns, each line after a bar.
        (($step.StdOut + $step.StdErr) -replace '\s+\|?\s*', ' ') | Should -Match 'deep\.yaml:2: mappings and sequences are nested more than 16 deep'
        $step.StdOut | Should -Match 'still here'
    }

    It 'refuses an environment with no file of its own' {
        { Test-TfConfig -Environment prodution } | Should -Throw -ErrorId 'EnvironmentNotFound,TwelveFactor.Commands.TestTfConfigCommand'
    }

    It 'shows the longest rule names whole on their rows' {
        Set-Content .env.production "PORT=5000`nDATABASE_URL=postgres://db/app`nAPI_KEY=k`nHOME_URL=https://`${HOST}/x`nLABEL=`"a\tb`""
        $findings = Test-TfConfig -Environment production
        $findings.Rule | Should -Contain 'PortabilityExpansion'
        $lines = $findings | Get-TfRendered -Width 80
        foreach ($rule in 'PortabilityExpansion', 'PortabilityEscapes') {
            ($lines | Where-Object { $_ -match "^ +\d+:\d+ Warning +$rule +The " }) | Should -Not -BeNullOrEmpty -Because $rule
        }
    }

    It 'shows findings under their file, each row with its line and a message of 39 columns at 80' {
        Set-Content .env.production "PORT=5000`nport=1"
        $lines = Test-TfConfig -Path ./.env.production, ./missing.env | Get-TfRendered -Width 80
        $lines | Should -Contain '   Source: .env.production'
        $lines | Should -Contain '   Source: missing.env'
        ($lines | Where-Object { $_ -match '^ +2:1 Warning +LowercaseKey +The port key should be in uppercase$' }) | Should -Not -BeNullOrEmpty
        ($lines | Where-Object { $_ -match '^ +Error +FileNotFound +The config file ' }) | Should -Not -BeNullOrEmpty
        ($lines | Where-Object { $_.Length -gt 80 }) | Should -BeNullOrEmpty
    }

    It 'renders findings in 80 columns with the message kept' {
        Set-Content .env.production "PORT=5000`nport=1"
        $lines = Test-TfConfig -Environment production | Get-TfRendered -Width 80
        ($lines | Where-Object { $_.Length -gt 80 }) | Should -BeNullOrEmpty
        ($lines -join "`n") | Should -Match 'LowercaseKey'
    }
}
