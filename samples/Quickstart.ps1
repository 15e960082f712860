<#
.SYNOPSIS
    TwelveFactor quickstart: config per environment in env files, on local files only (no server).
.DESCRIPTION
    Creates a scratch app folder, keeps shared defaults in .env and per-environment values in
    .env.<environment>, shows the resolved production config with its secret masked, checks it, and exports it.
    Runs with pwsh (pwsh -File samples/Quickstart.ps1) or, without pwsh, with the repository's small host:
    dotnet run --project src/TwelveFactor.Host -- samples/Quickstart.ps1
#>
[CmdletBinding()]
param(
    # Keep the scratch app folder afterwards, to look at the files.
    [switch] $Keep
)

$ErrorActionPreference = 'Stop'
if (-not (Get-Module TwelveFactor)) {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, '..', 'out', 'TwelveFactor', 'TwelveFactor.psd1'))   # the module 'dotnet build' laid out
}

# A scratch app folder (Set-Location works the same in pwsh; this form also runs in a bare hosted engine).
$app = [IO.Path]::Combine([IO.Path]::GetTempPath(), 'tf-quickstart-' + [Guid]::NewGuid().ToString('N').Substring(0, 8))
[IO.Directory]::CreateDirectory($app) | Out-Null
$ExecutionContext.SessionState.Path.PushCurrentLocation('tf-quickstart')
$ExecutionContext.SessionState.Path.SetLocation([Management.Automation.WildcardPattern]::Escape($app)) | Out-Null
try {
    # 1. Shared defaults in .env, per-environment values in .env.<environment>.
    Set-TfConfig -Name PORT -Value 5000
    Set-TfConfig -Name LOG_LEVEL -Value info
    Set-TfConfig -Name DATABASE_URL -Value 'postgres://app:dev-password@localhost:5432/app' -Environment development
    Set-TfConfig -Name DATABASE_URL -Value 'postgres://app:prod-password@db.internal:5432/app' -Environment production
    Set-TfConfig -Name LOG_LEVEL -Value warn -Environment production
    Set-TfConfig -Name SESSION_SECRET -Value ([Guid]::NewGuid().Guid) -Environment production

    # 2. The resolved production config: layers merged, the winner's source shown, secrets masked.
    Get-TfConfig -Environment production

    # 3. Copy staging from production through the pipeline (secrets copied, never shown); -WhatIf first.
    Get-TfConfig -Environment production | Set-TfConfig -Environment staging -WhatIf
    Get-TfConfig -Environment production | Set-TfConfig -Environment staging

    # 4. Check the files: lint rules, keys other tools would read differently.
    Test-TfConfig -Environment production

    # 5. Export for another tool: JSON on the pipeline (secrets masked), or -Path for a file with real values.
    Export-TfConfig -Format Json -Environment production
}
finally {
    $ExecutionContext.SessionState.Path.PopLocation('tf-quickstart') | Out-Null
    if ($Keep) { "Kept the app folder: $app" } else { [IO.Directory]::Delete($app, $true) }
}
