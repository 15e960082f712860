<#
.SYNOPSIS
    TwelveFactor quickstart: config per environment in env files, on local files only (no server).
.DESCRIPTION
    Creates a scratch app folder, keeps shared defaults in .env and per-environment values in
    .env.<environment>, shows the resolved production config with its secret masked, copies it to staging,
    checks it, and exports it. Run it from the repository root:

        dotnet tool restore
        dotnet pwsh ./build.ps1 -Task Quickstart

    or, with the module built, in any pwsh: ./samples/Quickstart.ps1
#>
[CmdletBinding()]
param(
    # Keep the scratch app folder afterwards, to look at the files.
    [switch] $Keep
)

$ErrorActionPreference = 'Stop'
if (-not (Get-Module TwelveFactor)) {
    Import-Module (Join-Path $PSScriptRoot '../out/TwelveFactor/TwelveFactor.psd1')   # the module the build laid out
}

# A scratch app folder.
$app = New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "tf-quickstart-$(Get-Random)")
Push-Location $app
try {
    # 1. Shared defaults in .env, per-environment values in .env.<environment>.
    Set-TfConfig -Name PORT -Value 5000
    Set-TfConfig -Name LOG_LEVEL -Value info
    Set-TfConfig -Name DATABASE_URL -Value 'postgres://app:dev-password@localhost:5432/app' -Environment development
    Set-TfConfig -Name DATABASE_URL -Value 'postgres://app:prod-password@db.internal:5432/app' -Environment production
    Set-TfConfig -Name LOG_LEVEL -Value warn -Environment production
    Set-TfConfig -Name SESSION_SECRET -Value ([Guid]::NewGuid().Guid) -Environment production
    Get-ChildItem -Force -Name -Filter '.env*'                       # the files it wrote

    # 2. The resolved production config: layers merged, the winner's source shown, secrets masked.
    Get-TfConfig -Environment production

    # 3. Copy staging from production through the pipeline (secrets copied, never shown); -WhatIf first.
    Get-TfConfig -Environment production -Precedence FilesOnly | Set-TfConfig -Environment staging -WhatIf
    Get-TfConfig -Environment production -Precedence FilesOnly | Set-TfConfig -Environment staging

    # 4. Check the files: lint rules, keys other tools would read differently.
    Test-TfConfig -Environment production

    # 5. Export for another tool: JSON on the pipeline (secrets masked), or -Path for a file with real values.
    Export-TfConfig -Format Json -Environment production
}
finally {
    Pop-Location
    if ($Keep) { "Kept the app folder: $app" } else { Remove-Item -Recurse -Force $app }
}
