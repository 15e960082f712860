#
# Module manifest for TwelveFactor.
# ModuleVersion is stamped at build time from Directory.Build.props (VersionPrefix), the one place it is kept.
# Keep this file free of semicolons: the build copies it line by line.
#
@{
    RootModule           = 'TwelveFactor.dll'
    ModuleVersion        = '0.0.0'
    CompatiblePSEditions = @('Core')
    GUID                 = '5b0a6f0e-3c41-4c1e-9a55-7f2b1c8d2e10'
    Author               = 'TwelveFactor contributors'
    CompanyName          = 'TwelveFactor'
    Copyright            = '(c) TwelveFactor contributors. MIT License.'
    Description          = 'The Twelve-Factor App methodology as tools: env files and config per environment, immutable releases, one-off admin processes, dev/prod parity checks.'
    PowerShellVersion    = '7.4'
    FormatsToProcess     = @('TwelveFactor.format.ps1xml')
    CmdletsToExport      = @(
        'Get-TfConfig'
        'Set-TfConfig'
        'Remove-TfConfig'
        'Test-TfConfig'
        'Import-TfConfig'
        'Export-TfConfig'
        'Get-TfBackingService'
        'Test-TfBackingService'
        'Test-TfParity'
        'Invoke-TfAdminTask'
        'Get-TfAdminTask'
        'New-TfRelease'
        'Get-TfRelease'
        'Compare-TfRelease'
        'Test-TfRelease'
        'Publish-TfRelease'
        'Restore-TfRelease'
        'Remove-TfRelease'
        'Get-TfProcfile'
        'Test-TfProcfile'
        'Start-TfFormation'
        'Test-TfDisposability'
        'Export-TfFormation'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('TwelveFactor', '12factor', 'dotenv', 'env', 'config', 'release', 'deployment', 'DevOps', 'Linux', 'Windows', 'MacOS')
            LicenseUri = 'https://github.com/twelvefactor/TwelveFactor/blob/main/LICENSE'
            ProjectUri = 'https://github.com/twelvefactor/TwelveFactor'
        }
    }
}
