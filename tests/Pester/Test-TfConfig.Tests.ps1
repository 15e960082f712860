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

    It 'renders findings in 80 columns with the message kept' {
        Set-Content .env.production "PORT=5000`nport=1"
        $lines = Test-TfConfig -Environment production | Get-TfRendered -Width 80
        ($lines | Where-Object { $_.Length -gt 80 }) | Should -BeNullOrEmpty
        ($lines -join "`n") | Should -Match 'LowercaseKey'
    }
}
