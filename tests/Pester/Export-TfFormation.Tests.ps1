BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TfTestManifest) -Force
}

Describe 'Export-TfFormation' {
    BeforeEach {
        $app = New-TfScratchFolder
        Push-Location $app
        Set-Content Procfile "web: bin/web --port `$PORT`nworker: bin/worker"
        Set-Content .env "LOG_LEVEL=info`nDB_PASSWORD=hunter2-export-secret"
        Set-Content .env.production 'GREETING=it costs $$5'
        Set-Content .env.staging 'GREETING=staging'
        $env:TF_APP = 'shop'
    }
    AfterEach {
        Remove-Item Env:TF_APP -ErrorAction SilentlyContinue
        Pop-Location
        Remove-Item -Recurse -Force $app
    }

    It 'runs help example 1: systemd units, the secrets only in the owner-only EnvironmentFile' {
        $files = Invoke-TfHelpExample Export-TfFormation 1 -Root $app
        (Split-Path -Leaf $files.Path) | Should -Be @('shop.target', 'shop-web@.service', 'shop-worker@.service', 'shop.env')
        $units = Join-Path $app 'units'
        Get-Content -Raw (Join-Path $units 'shop.target') | Should -Match 'Wants=shop-web@5000\.service shop-web@5001\.service shop-worker@5100\.service'
        Get-Content -Raw (Join-Path $units 'shop-web@.service') | Should -Match "WorkingDirectory=$([regex]::Escape($app))/srv/shop/current"
        (Get-Item (Join-Path $units 'shop.env')).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite')
        Get-Content -Raw (Join-Path $units 'shop.env') | Should -Match 'DB_PASSWORD="hunter2-export-secret"'
        Get-ChildItem $units -Exclude 'shop.env' | Get-Content -Raw | Should -Not -Match 'hunter2'
    }

    It 'runs help example 2: a compose file with replicas, secrets in its env_file' {
        $files = Invoke-TfHelpExample Export-TfFormation 2
        (Split-Path -Leaf $files.Path) | Should -Be @('compose.yaml', 'shop.secrets.env')
        $compose = Get-Content -Raw compose/compose.yaml
        $compose | Should -Match 'replicas: 2'
        $compose | Should -Match 'image: "registry\.example/shop:1\.4"'
        $compose | Should -Not -Match 'hunter2'
        ($files | Where-Object OwnerOnly).Path | Should -Be (Join-Path $app 'compose/shop.secrets.env')
    }

    It 'runs help example 3: Kubernetes manifests and a Secret apart' {
        $files = Invoke-TfHelpExample Export-TfFormation 3
        (Split-Path -Leaf $files.Path) | Should -Be @('shop.yaml', 'shop-secrets.yaml')
        $manifests = Get-Content -Raw k8s/shop.yaml
        $manifests | Should -Match 'kind: Deployment'
        $manifests | Should -Match 'kind: Service'
        $manifests | Should -Not -Match 'hunter2'
        Get-Content -Raw k8s/shop-secrets.yaml | Should -Match 'DB_PASSWORD: hunter2-export-secret'
    }

    It 'leaves a file that differs alone without -Force, and replaces it with -Force' {
        Export-TfFormation Compose -Destination out | Out-Null
        Set-Content out/compose.yaml 'edited by hand'
        $files = Export-TfFormation Compose -Destination out -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.FullyQualifiedErrorId | Should -Be 'FormationExportFailed,TwelveFactor.Commands.ExportTfFormationCommand'
        Get-Content out/compose.yaml | Should -Be 'edited by hand'
        Export-TfFormation Compose -Destination out -Force | Out-Null
        Get-Content -Raw out/compose.yaml | Should -Match 'services:'
    }

    It 'writes nothing under -WhatIf' {
        Export-TfFormation Systemd -Destination units -WhatIf
        Test-Path units | Should -BeFalse
    }

    It 'writes units that systemd-analyze verify accepts' -Skip:(-not (Get-Command systemd-analyze -ErrorAction SilentlyContinue)) {
        Set-Content Procfile "web: /bin/true --port `$PORT`nworker: /bin/true"
        Export-TfFormation Systemd -Destination units | Out-Null
        $output = systemd-analyze verify --man=no (Join-Path $app 'units/shop.target') (Join-Path $app 'units/shop-web@5000.service') 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        ($output -join "`n") | Should -Not -Match 'shop'
    }

    It 'shows the files in 80 columns' {
        $lines = Export-TfFormation Compose -Destination out | Get-TfRendered -Width 80
        ($lines | Where-Object { $_.Length -gt 80 }) | Should -BeNullOrEmpty
        ($lines -join "`n") | Should -Match 'Compose\s+env-file\s+True'
    }
}
