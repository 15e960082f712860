# Help as users read it with Get-Help -Full: complete, prose not code, one SYNTAX line per parameter set, and
# generated from docs/en-US/*.md and the built module (never stale).
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TfTestManifest) -Force
    $cmdlets = @(Get-Command -Module TwelveFactor -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TfTestManifest) -Force
    $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
    # Text that is source code, not prose: what a hand-rolled extractor leaves behind.
    $codePattern = '</?summary>|\bpublic (sealed |static |abstract )?(class|string|bool|int|override)\b|\[Parameter\(|\{ get; set; \}|typeof\(|\[Cmdlet\('
}

Describe 'Help of <Name>' -ForEach $cmdlets {
    BeforeAll {
        $help = Get-Help -Name $Name -Full
        $command = Get-Command -Name $Name
    }

    It 'has a Pester file of its own' {
        Join-Path $PSScriptRoot "$Name.Tests.ps1" | Should -Exist
    }

    It 'has a synopsis, a description and an example with code' {
        "$($help.Synopsis)".Trim() | Should -Not -BeNullOrEmpty
        "$($help.Synopsis)" | Should -Not -Match '\[<CommonParameters>\]'
        ($help.Description | ForEach-Object Text) -join '' | Should -Not -BeNullOrEmpty
        @($help.Examples.Example | Where-Object { "$($_.Code)".Trim() }).Count | Should -BeGreaterOrEqual 1
    }

    It 'describes every parameter in prose' {
        foreach ($parameter in $command.Parameters.Keys | Where-Object { $_ -notin $common -or $_ -in 'WhatIf', 'Confirm' }) {
            $entry = $help.Parameters.Parameter | Where-Object Name -eq $parameter
            $text = ($entry.Description | ForEach-Object Text) -join ' '
            $text | Should -Not -BeNullOrEmpty -Because "-$parameter of $Name needs help"
            $text | Should -Not -Match $codePattern -Because "-$parameter of $Name must read as prose"
        }
    }

    It 'holds no source code anywhere' {
        ($help | Out-String -Width 200) | Should -Not -Match $codePattern
    }

    It 'has one SYNTAX line per parameter set, none mixing sets' {
        $syntax = @($help.Syntax.SyntaxItem)
        $syntax.Count | Should -Be @($command.ParameterSets).Count
        foreach ($item in $syntax) {
            $names = @($item.Parameter.Name)
            $fits = @($command.ParameterSets | Where-Object {
                    $inSet = @($_.Parameters.Name)
                    -not ($names | Where-Object { $_ -notin $inSet })
                })
            $fits.Count | Should -BeGreaterThan 0 -Because "SYNTAX '$($names -join ' ')' of $Name must be one parameter set"
        }
    }
}

Describe 'The help files' {
    It 'are current: generated from docs/en-US and the built module' {
        $generator = Join-Path $PSScriptRoot '../../tools/New-TfHelp.ps1'
        $step = Invoke-TfChildPwsh -Script "& '$generator' -ModulePath '$(Get-TfTestManifest)' -Check; exit `$LASTEXITCODE"
        $step.StdErr | Should -BeNullOrEmpty
        $step.ExitCode | Should -Be 0
    }

    It 'include about_TwelveFactor covering every area and setting' {
        $about = Get-Help about_TwelveFactor | Out-String
        foreach ($topic in 'Set-TfConfig', 'New-TfRelease', 'Invoke-TfAdminTask', 'Test-TfParity', 'Test-TfBackingService', 'Start-TfFormation', 'Export-TfFormation',
            'TF_ENVIRONMENT', 'TF_APP', 'TF_RELEASE_STORE', 'TF_RELEASE_KEY', 'TF_PRODUCTION_ENVIRONMENTS', 'TF_BUILD', 'GITHUB_ACTIONS',
            'DOCKER_HOST', 'TF_ARCHIVE_MAX_BYTES') {
            $about | Should -Match ([regex]::Escape($topic))
        }
    }
}
