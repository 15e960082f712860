BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TfTestManifest) -Force
}

Describe 'Compare-TfRelease' {
    BeforeEach {
        $app = New-TfReleaseFixture
        New-TfRelease ./publish -Environment staging | Out-Null                       # v1
        New-TfRelease ./publish -Environment staging | Out-Null                       # v2
        Set-Content publish/app.txt 'three'
        Set-Content .env.staging "API_URL=https://staging.example`nDB_PASSWORD=rotated-secret"
        New-TfRelease ./publish -Environment staging | Out-Null                       # v3
        New-TfRelease ./publish -Environment staging | Out-Null                       # v4
        New-TfRelease ./publish -Environment staging | Out-Null                       # v5
    }
    AfterEach { Remove-TfReleaseFixture $app }

    It 'runs help example 1: files and keys that changed' {
        $changes = Invoke-TfHelpExample Compare-TfRelease 1
        $changes | Should -BeNullOrEmpty -Because 'v3 and v5 hold the same build and config'
        $changes = Compare-TfRelease -ReferenceId v1 -DifferenceId v5
        ($changes | Where-Object Category -eq File).Name | Should -Be 'app.txt'
        $secret = $changes | Where-Object Name -eq DB_PASSWORD
        $secret.Reference | Should -Be '********'
        $secret.Difference | Should -Be '********'
    }

    It 'runs help example 2: only config changes' {
        Invoke-TfHelpExample Compare-TfRelease 2 | Should -BeNullOrEmpty
    }

    It 'runs help example 3: the newest against the published' {
        Publish-TfRelease -Id v1 -Destination ./deploy | Out-Null
        (Invoke-TfHelpExample Compare-TfRelease 3).Name | Should -Contain 'app.txt'
    }

    It 'shows a changed file''s digest, size and mode on one line of its row at 80 columns' {
        [IO.File]::WriteAllBytes((Join-Path $app 'publish/bundle.js'), [byte[]]::new(150000))
        New-TfRelease ./publish -Environment staging | Out-Null                       # v6
        [IO.File]::WriteAllBytes((Join-Path $app 'publish/bundle.js'), [byte[]]::new(1200000))
        chmod 755 publish/bundle.js
        New-TfRelease ./publish -Environment staging | Out-Null                       # v7
        $change = Compare-TfRelease v6 v7
        $change.Reference | Should -Match '^[0-9a-f]{7} 146\.5 KiB 644$'
        $change.Difference | Should -Match '^[0-9a-f]{7} 1\.1 MiB 755$'
        $lines = $change | Get-TfRendered -Width 80
        ($lines | Where-Object { $_ -match '^File +Changed bundle\.js +[0-9a-f]{7} 146\.5 KiB 644 [0-9a-f]{7} 1\.1 MiB 755$' }) | Should -Not -BeNullOrEmpty
    }

    It 'renders differences in 80 columns with secrets masked' {
        $text = (Compare-TfRelease v1 v5 | Get-TfRendered -Width 80) -join "`n"
        $text | Should -Not -Match 'rotated-secret|staging-secret'
        $text | Should -Match 'DB_PASSWORD'
    }
}
