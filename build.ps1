#requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests and packages the TwelveFactor module.
.DESCRIPTION
    A thin entry point over `dotnet`: `dotnet build` alone lays out the importable module in out/TwelveFactor/.
    -Test runs the xunit suites (and Pester when it is installed), -Package writes a .nupkg that
    Publish-PSResource and the PowerShell Gallery accept, -Clean removes build output first.
.EXAMPLE
    ./build.ps1 -Configuration Release -Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug',
    [switch] $Test,
    [switch] $Package,
    [switch] $Clean
)

$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$moduleOut = Join-Path $root 'out/TwelveFactor'

if ($Clean) {
    Remove-Item -Recurse -Force -ErrorAction SilentlyContinue (Join-Path $root 'out')
    dotnet clean (Join-Path $root 'TwelveFactor.sln') -c $Configuration --nologo -v quiet
    if ($LASTEXITCODE) { throw "dotnet clean failed ($LASTEXITCODE)" }
}

dotnet build (Join-Path $root 'TwelveFactor.sln') -c $Configuration --nologo
if ($LASTEXITCODE) { throw "dotnet build failed ($LASTEXITCODE)" }
Write-Verbose "Module laid out in $moduleOut"

if ($Test) {
    dotnet test (Join-Path $root 'TwelveFactor.sln') -c $Configuration --no-build --nologo
    if ($LASTEXITCODE) { throw "dotnet test failed ($LASTEXITCODE)" }
    if (Get-Module -ListAvailable -Name Pester | Where-Object Version -ge '5.0') {
        $result = Invoke-Pester -Path (Join-Path $root 'tests/Pester') -PassThru -Output Detailed
        if ($result.FailedCount) { throw "$($result.FailedCount) Pester tests failed" }
    }
    else {
        Write-Warning 'Pester 5 is not installed; skipping tests/Pester (Install-PSResource Pester).'
    }
}

if ($Package) {
    $repo = Join-Path $root 'out/package'
    New-Item -ItemType Directory -Force -Path $repo | Out-Null
    $name = "TwelveFactorBuild$PID"
    Register-PSResourceRepository -Name $name -Uri $repo -Trusted
    try {
        Publish-PSResource -Path $moduleOut -Repository $name
    }
    finally {
        Unregister-PSResourceRepository -Name $name
    }
    Get-ChildItem $repo -Filter *.nupkg
}
