BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TfTestManifest) -Force
}

Describe 'Test-TfParity' {
    BeforeEach {
        $app = New-TfScratchFolder
        Push-Location $app
        Set-Content .env.development "DATABASE_URL=postgres://localhost/app`nFEATURE_X=on"
        Set-Content .env.staging "DATABASE_URL=postgres://db.staging/app`nFEATURE_X=on"
        Set-Content .env.production 'DATABASE_URL=mysql://db.prod/app'
    }
    AfterEach {
        Pop-Location
        Remove-Item -Recurse -Force $app
    }

    It 'runs help example 1: production against staging' {
        $findings = Invoke-TfHelpExample Test-TfParity 1
        ($findings | Where-Object Check -eq MissingKey).Key | Should -Be 'FEATURE_X'
    }

    It 'runs help example 2: -Strict fails the step' {
        { Invoke-TfHelpExample Test-TfParity 2 -ErrorAction Stop } | Should -Throw
    }

    It 'runs help example 3: -Quiet answers true or false' {
        Invoke-TfHelpExample Test-TfParity 3 | Should -Be 'staging has drifted'
    }

    It 'writes logissue lines to stdout in an Azure Pipelines step' {
        $step = Invoke-TfChildPwsh -Script 'Test-TfParity production staging | Out-Null' -Environment @{ TF_BUILD = 'True' }
        $step.StdOut -split "`n" | Where-Object { $_ -like '##vso`[task.logissue*' } | Should -Not -BeNullOrEmpty
    }

    It 'gives each finding''s message most of an 80-column row' {
        $lines = Test-TfParity production staging | Get-TfRendered -Width 80
        # 48 columns: the message's first line says what it is about (the Key column left 27, then "[production, st").
        ($lines | Where-Object { $_ -match '^Error +MissingKey +FEATURE_X is set in staging but missing in' }) | Should -Not -BeNullOrEmpty
        ($lines | Where-Object { $_.Length -gt 80 }) | Should -BeNullOrEmpty
    }

    It 'shows the longest check names whole on their rows' {
        Set-Content .env.production 'DATABASE_URL=mysql://localhost/app'
        $lines = Test-TfParity production staging | Get-TfRendered -Width 80
        foreach ($check in 'LocalhostInNonLocal', 'BackingServiceKind') {
            ($lines | Where-Object { $_ -match "^\w+ +$check +DATABASE_URL\b" }) | Should -Not -BeNullOrEmpty -Because $check
        }
    }

    It 'renders findings in 80 columns with the message kept' {
        $lines = Test-TfParity production staging | Get-TfRendered -Width 80
        ($lines | Where-Object { $_.Length -gt 80 }) | Should -BeNullOrEmpty
        ($lines -join "`n") | Should -Match 'FEATURE_X'
    }

    It 'completes environment names' {
        Get-TfCompletion 'Test-TfParity -Reference sta' | Should -Be 'staging'
    }
}
