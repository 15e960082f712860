BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TfTestManifest) -Force
}

Describe 'Import-TfConfig' {
    BeforeEach {
        $app = New-TfScratchFolder
        Push-Location $app
        Set-Content .env.staging "TF_PESTER_GREETING=hello`nTF_PESTER_TOKEN=tok-secret"
        Set-Content .env.production 'TF_PESTER_GREETING=prod'
    }
    AfterEach {
        Pop-Location
        Remove-Item Env:TF_PESTER_GREETING, Env:TF_PESTER_TOKEN -ErrorAction SilentlyContinue
        Remove-Item -Recurse -Force $app
    }

    It 'runs help example 1: sets the environment and passes the entries through, secrets masked' {
        $entries = Invoke-TfHelpExample Import-TfConfig 1
        $env:TF_PESTER_GREETING | Should -Be 'hello'
        ($entries | Where-Object Name -eq TF_PESTER_TOKEN).Value | Should -Be '********'
    }

    It 'leaves alone what would change how the session runs programs, unless -Force' {
        Set-Content .env.staging "PATH=./bin`nLD_PRELOAD=./hook.so`nGIT_SSH_COMMAND=./steal`nDOTNET_STARTUP_HOOKS=./hook.dll`nAPP_MODE=staging"
        # In a child pwsh: an import changes the process it runs in.
        $script = @'
$before = $env:PATH
Import-TfConfig -Environment staging -WarningVariable warned 3>$null
"path=$($env:PATH -eq $before) preload=$([bool]$env:LD_PRELOAD) git=$([bool]$env:GIT_SSH_COMMAND) hooks=$([bool]$env:DOTNET_STARTUP_HOOKS) mode=$env:APP_MODE"
"warnings=$($warned.Count)"
$warned | ForEach-Object { "warning: $_" }
Import-TfConfig -Environment staging -Name LD_PRELOAD -Force
"forced=$env:LD_PRELOAD"
'@
        $step = Invoke-TfChildPwsh -Script $script
        $step.StdOut | Should -Match 'path=True preload=False git=False hooks=False mode=staging'
        $step.StdOut | Should -Match 'warnings=4'
        $step.StdOut | Should -Match "warning: Did not set 'LD_PRELOAD' \(from .*\.env\.staging:2\)"
        $step.StdOut | Should -Match 'forced=\./hook\.so'
    }

    It 'gives staging''s values after production''s, whatever the shell held' {
        Import-TfConfig -Environment production
        $env:TF_PESTER_GREETING | Should -Be 'prod'
        Import-TfConfig -Environment staging
        $env:TF_PESTER_GREETING | Should -Be 'hello'
    }

    It 'refuses an environment with no file of its own, naming the nearest' {
        { Import-TfConfig -Environment stagin -ErrorAction Stop } | Should -Throw -ErrorId 'EnvironmentNotFound,TwelveFactor.Commands.ImportTfConfigCommand'
        try { Import-TfConfig -Environment stagin -ErrorAction Stop } catch { $_.Exception.Message | Should -Match "Did you mean 'staging'" }
        $env:TF_PESTER_GREETING | Should -BeNullOrEmpty
    }

    It 'runs help example 2: -WhatIf changes nothing' {
        Invoke-TfHelpExample Import-TfConfig 2
        $env:TF_PESTER_GREETING | Should -BeNullOrEmpty
    }
}
