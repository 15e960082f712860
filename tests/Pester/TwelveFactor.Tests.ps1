#requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Smoke tests for pwsh users: the xunit suites (tests/TwelveFactor.Module.Tests) hold the full behaviour.
BeforeAll {
    $manifest = Join-Path $PSScriptRoot '../../out/TwelveFactor/TwelveFactor.psd1'
    Import-Module $manifest -Force
}

Describe 'TwelveFactor config' {
    BeforeEach {
        $app = Join-Path ([IO.Path]::GetTempPath()) ([Guid]::NewGuid())
        New-Item -ItemType Directory -Path $app | Out-Null
        Push-Location $app
    }
    AfterEach {
        Pop-Location
        Remove-Item -Recurse -Force $app
    }

    It 'sets, gets and masks a secret' {
        Set-TfConfig -Name DB_PASSWORD -Value 's3cr3t!' -Environment staging
        $entry = Get-TfConfig -Name DB_PASSWORD -Environment staging
        $entry.Value | Should -Be '********'
        $entry.IsSecret | Should -BeTrue
        (Get-TfConfig -Name DB_PASSWORD -Environment staging -AsPlainText).Value | Should -Be 's3cr3t!'
    }

    It 'copies config across environments through the pipeline' {
        Set-TfConfig -Name API_URL -Value 'https://staging.example' -Environment staging
        Set-TfConfig -Name API_TOKEN -Value 'tok en' -Environment staging
        Get-TfConfig -Environment staging | Set-TfConfig -Environment production
        (Get-TfConfig -Environment production -AsHashtable -AsPlainText)['API_TOKEN'] | Should -Be 'tok en'
    }

    It 'reports a bad line with file and line' {
        Set-Content -Path .env -Value "GOOD=1`nBAD='unterminated"
        Get-TfConfig -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'ConfigFileSyntax,TwelveFactor.Commands.GetTfConfigCommand'
    }
}

Describe 'TwelveFactor admin tasks and parity' {
    BeforeAll {
        $app = Join-Path ([IO.Path]::GetTempPath()) ([Guid]::NewGuid())
        New-Item -ItemType Directory -Path $app | Out-Null
        Push-Location $app
        $env:TF_RELEASE_STORE = Join-Path $app 'store'
        Set-Content -Path .env.staging -Value 'GREETING=hello'
        Set-Content -Path .env.production -Value "GREETING=hello`nEXTRA=1"
    }
    AfterAll {
        Pop-Location
        Remove-Item Env:TF_RELEASE_STORE
        Remove-Item -Recurse -Force $app
    }

    It 'runs a task with the environment''s config and fails on a non-zero exit' -Skip:$IsWindows {
        Invoke-TfAdminTask /bin/sh -ArgumentList '-c', 'echo $GREETING' -Environment staging | Should -Be 'hello'
        { Invoke-TfAdminTask /bin/sh -ArgumentList '-c', 'exit 2' -Environment staging -ErrorAction Stop } | Should -Throw
        $LASTEXITCODE | Should -Be 2
    }

    It 'finds the key staging lacks' {
        $finding = Test-TfParity -Reference production -Difference staging | Where-Object Check -eq 'MissingKey'
        $finding.Key | Should -Be 'EXTRA'
    }
}
