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

Describe 'TwelveFactor releases' {
    BeforeAll {
        $app = Join-Path ([IO.Path]::GetTempPath()) ([Guid]::NewGuid())
        New-Item -ItemType Directory -Path (Join-Path $app 'build') | Out-Null
        Push-Location $app
        $env:TF_RELEASE_STORE = Join-Path $app 'store'
        Set-Content -Path build/app.txt -Value 'one'
        Set-Content -Path .env.staging -Value "API_URL=https://staging.example`nDB_PASSWORD=pester-secret"
    }
    AfterAll {
        Pop-Location
        Remove-Item Env:TF_RELEASE_STORE
        Remove-Item -Recurse -Force $app
    }

    It 'creates, publishes, compares, verifies and rolls back' {
        $v1 = New-TfRelease -Path ./build -Environment staging -App pester
        $v1.Id | Should -Be 'v1'
        $v1 | Publish-TfRelease -Destination ./deploy | Select-Object -ExpandProperty Id | Should -Be 'v1'
        Get-Content ./deploy/current/.env | Should -Contain 'API_URL=https://staging.example'

        Set-Content -Path build/app.txt -Value 'two'
        New-TfRelease -Path ./build -Environment staging -App pester | Publish-TfRelease -Destination ./deploy | Out-Null
        (Compare-TfRelease -ReferenceId v1 -DifferenceId v2 -App pester).Name | Should -Be 'app.txt'
        Get-TfRelease -App pester -Id v1 | Test-TfRelease -Quiet | Should -BeTrue

        $v3 = Restore-TfRelease -Id v1 -Destination ./deploy -App pester
        $v3.RestoredFrom | Should -Be 'v1'
        Get-Content ./deploy/current/app.txt | Should -Be 'one'
        (Get-TfRelease -Current -App pester).Id | Should -Be 'v3'
    }

    It 'reports an unknown release with a stable id' {
        Get-TfRelease -App pester -Id v99 -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'ReleaseNotFound,TwelveFactor.Commands.GetTfReleaseCommand'
    }
}
