BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TfTestManifest) -Force
}

Describe 'Export-TfConfig' {
    BeforeEach {
        $app = New-TfScratchFolder
        Push-Location $app
        Set-TfConfig -Name PORT -Value 5000
        Set-TfConfig -Name API_TOKEN -Value 'tok-secret-value' -Environment production
    }
    AfterEach {
        Pop-Location
        Remove-Item -Recurse -Force $app
    }

    It 'writes JSON to the pipeline with secrets masked (help example)' {
        $json = Export-TfConfig -Format Json -Environment production | ConvertFrom-Json
        $json.PORT | Should -Be '5000'
        $json.API_TOKEN | Should -Be '********'
    }

    It 'runs help example 1 in an Azure Pipelines step: one command per key, secrets marked' {
        $step = Invoke-TfChildPwsh -Script (Get-TfHelpExample Export-TfConfig 1) -Environment @{ TF_BUILD = 'True' }
        $lines = $step.StdOut -split "`n" | Where-Object { $_ }
        $lines | Should -Contain '##vso[task.setvariable variable=API_TOKEN;issecret=true]tok-secret-value'
        $lines | Should -Contain '##vso[task.setvariable variable=PORT]5000'
    }

    It 'runs help example 2 in a GitHub Actions step: masks on stdout, values in $GITHUB_ENV' {
        $githubEnv = Join-Path $app 'github_env'
        $step = Invoke-TfChildPwsh -Script (Get-TfHelpExample Export-TfConfig 2) -Environment @{ GITHUB_ACTIONS = 'true'; GITHUB_ENV = $githubEnv }
        $step.StdOut.Trim() | Should -Be '::add-mask::tok-secret-value'
        Get-Content $githubEnv | Should -Contain 'API_TOKEN=tok-secret-value'
    }

    It 'runs help example 4: exports piped entries' {
        Set-TfConfig -Name FEATURE_X -Value on -Environment production
        (Invoke-TfHelpExample Export-TfConfig 4 | ConvertFrom-Json).FEATURE_X | Should -Be 'on'
    }

    It 'writes Azure DevOps commands to the file given and prints nothing' {
        $printed = Export-TfConfig -Format AzureDevOps -Environment production -Path ./ado.txt
        $printed | Should -BeNullOrEmpty
        Get-Content ./ado.txt | Should -Contain '##vso[task.setvariable variable=API_TOKEN;issecret=true]tok-secret-value'
        Export-TfConfig -Format AzureDevOps -Environment production -Path ./never.txt -WhatIf | Should -BeNullOrEmpty
        Test-Path ./never.txt | Should -BeFalse
    }

    It 'refuses to print secret-bearing commands outside their CI system unless -Force' {
        $step = Invoke-TfChildPwsh -Script 'Export-TfConfig -Format AzureDevOps -Environment production'
        $step.StdOut | Should -Not -Match 'tok-secret-value'
        $step.StdErr | Should -Match 'not an Azure Pipelines step'
        $forced = Invoke-TfChildPwsh -Script 'Export-TfConfig -Format AzureDevOps -Environment production -Force'
        $forced.StdOut | Should -Match 'issecret=true\]tok-secret-value'
    }

    It 'emits agent settings last, so they cannot change how the lines before them decode' {
        Set-Content .env.production "DECODE_PERCENTS=true`nAPI_URL=https://x.example/a%2Fb`nSYSTEM_UNSAFEALLOWMULTILINESECRET=true"
        $lines = @(Export-TfConfig -Format AzureDevOps -Environment production -Force)
        $lines.Count | Should -Be 4
        $lines[0..1] | Should -Match 'variable=(PORT|API_URL)\]'
        $lines[2..3] | Should -Match 'variable=(DECODE_PERCENTS|SYSTEM_UNSAFEALLOWMULTILINESECRET)[;\]]'
    }

    It 'masks the same value the same way whether entries are piped or the environment is read' {
        Set-TfConfig -Name DATABASE_URL -Value 'postgres://app:pw-secret@db/app' -Environment production
        $fromLayers = (Export-TfConfig -Format Json -Environment production | ConvertFrom-Json).DATABASE_URL
        $fromPipe = (Get-TfConfig -Environment production | Export-TfConfig -Format Json | ConvertFrom-Json).DATABASE_URL
        $fromLayers | Should -Be 'postgres://app:********@db/app'
        $fromPipe | Should -Be $fromLayers
        (Get-TfConfig -Name DATABASE_URL -Environment production).Value | Should -Be $fromLayers
    }

    It 'writes one line per string to the pipeline' {
        $lines = @(Export-TfConfig -Format Dotenv -Environment production)
        $lines.Count | Should -BeGreaterThan 1
        ($lines | Select-String 'API_TOKEN').Count | Should -Be 1
    }

    It 'never exports a value from your shell unless asked' {
        $env:PORT = '9999'
        try {
            (Export-TfConfig -Format Json -Environment production | ConvertFrom-Json).PORT | Should -Be '5000'
            (Export-TfConfig -Format Json -Environment production -Precedence ProcessEnvironment | ConvertFrom-Json).PORT | Should -Be '9999'
        }
        finally {
            Remove-Item Env:PORT
        }
    }

    It 'quotes YAML so that YAML 1.1 and 1.2 readers read strings back' -Skip:(-not (Get-Command python3 -ErrorAction SilentlyContinue)) {
        Set-Content .env.production "A=yes`nB=no`nC=on`nD=12:30`nE=2024-01-01`nF=0755`nG=null`nH=~`nI=1e3`nJ='multi word: value'`nON=off"
        Export-TfConfig -Format Yaml -Environment production -Path ./config.yaml
        $check = python3 -c "import yaml,json,sys; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))" ./config.yaml
        if ($LASTEXITCODE -ne 0 -and -not $env:CI) { Set-ItResult -Skipped -Because 'PyYAML (Debian python3-yaml) is not installed'; return }
        $LASTEXITCODE | Should -Be 0
        $read = $check | ConvertFrom-Json -AsHashtable
        $read['A'] | Should -BeExactly 'yes'
        $read['D'] | Should -BeExactly '12:30'
        $read['E'] | Should -BeExactly '2024-01-01'
        $read['F'] | Should -BeExactly '0755'
        $read['G'] | Should -BeExactly 'null'
        $read['ON'] | Should -BeExactly 'off'
        $read['J'] | Should -BeExactly 'multi word: value'
    }

    Context 'GitHub Actions env files' -Skip:$IsWindows {
        It 'creates a new env file owner-only' {
            Export-TfConfig -Format GitHubActions -Environment production -Path ./gh.env | Should -BeNullOrEmpty
            (Get-Content ./gh.env -Raw) | Should -Match 'API_TOKEN'
            (stat -c '%a' ./gh.env) | Should -Be '600'
        }

        It 'refuses to append through a symlink and leaves the target alone' {
            Set-Content -Path ./victim.txt -Value 'theirs'
            New-Item -ItemType SymbolicLink -Path ./gh.env -Target ./victim.txt | Out-Null
            Export-TfConfig -Format GitHubActions -Environment production -Path ./gh.env -ErrorVariable failed -ErrorAction SilentlyContinue
            $failed[0].FullyQualifiedErrorId | Should -Be 'ExportWriteFailed,TwelveFactor.Commands.ExportTfConfigCommand'
            Get-Content ./victim.txt | Should -Be 'theirs'
        }
    }
}
