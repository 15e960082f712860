#requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests and packages the TwelveFactor module; runs the quickstart.
.DESCRIPTION
    The one entry point for users and CI, run by the repository's pinned pwsh:

        dotnet tool restore
        dotnet pwsh ./build.ps1 -Task Test

    Build lays out the importable module in out/TwelveFactor/ (dotnet build alone does the same). Test builds, runs
    every xunit suite and the Pester suite under this pwsh (Pester 5.9.1 comes from NuGet into out/modules), and
    prints one summary of both. Quickstart builds and runs samples/Quickstart.ps1 in a fresh pwsh. Package writes a
    .nupkg that Publish-PSResource and the PowerShell Gallery accept (Release configuration by default). Clean
    removes build output.
.PARAMETER Task
    What to do: Build (the default), Test, Quickstart, Package or Clean.
.PARAMETER Configuration
    Debug or Release; Package defaults to Release, everything else to Debug.
.PARAMETER ResultsDirectory
    Where Test writes its reports (one .trx per xunit assembly, Pester.xml in NUnit format); default out/test-results.
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Test
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Quickstart
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Quickstart', 'Package', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration,

    [string] $ResultsDirectory
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
$solution = Join-Path $root 'TwelveFactor.sln'
$moduleOut = Join-Path $root 'out/TwelveFactor'
if (-not $Configuration) { $Configuration = if ($Task -eq 'Package') { 'Release' } else { 'Debug' } }
if (-not $ResultsDirectory) { $ResultsDirectory = Join-Path $root 'out/test-results' }

function Invoke-Native {
    param([string] $What, [scriptblock] $Command)
    & $Command
    if ($LASTEXITCODE) { throw "$What failed (exit code $LASTEXITCODE)." }
}

# A pwsh command line for a fresh process of this same pwsh (the repo-pinned .NET tool runs as 'dotnet pwsh.dll').
function Get-PwshCommand {
    $exe = [Environment]::ProcessPath
    if ((Split-Path -Leaf $exe) -like 'dotnet*') { , @($exe, (Join-Path $PSHOME 'pwsh.dll')) } else { , @($exe) }
}

function Invoke-Build {
    Invoke-Native 'dotnet build' { dotnet build $solution -c $Configuration --nologo -v quiet }
    # Help: MAML generated from docs/en-US/*.md and the built module's own metadata, in a separate pwsh so this
    # session never loads the module it may rebuild next.
    $pwsh = Get-PwshCommand
    $helpArgs = @('-NoProfile', '-NonInteractive', '-File', (Join-Path $root 'tools/New-TfHelp.ps1'), '-ModulePath', (Join-Path $moduleOut 'TwelveFactor.psd1'))
    Invoke-Native 'Help generation' { & $pwsh[0] @($pwsh | Select-Object -Skip 1) @helpArgs }
    Copy-Item -Path (Join-Path $root 'en-US/*') -Destination (Join-Path $moduleOut 'en-US') -Force
    Write-Verbose "Module laid out in $moduleOut"
}

# Counters of one TRX report: <Counters total=".." executed=".." passed=".." failed=".." error=".." ...>.
function Get-TrxCount {
    param([string] $Path)
    $counters = ([xml](Get-Content -Raw -LiteralPath $Path)).TestRun.ResultSummary.Counters
    [pscustomobject]@{
        Passed  = [int]$counters.passed
        Failed  = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
        Skipped = [int]$counters.total - [int]$counters.executed
    }
}

function Invoke-Test {
    Invoke-Build
    if (Test-Path $ResultsDirectory) { Remove-Item -Recurse -Force $ResultsDirectory }
    New-Item -ItemType Directory -Force -Path $ResultsDirectory | Out-Null

    # xunit: one TRX report per test assembly (the test projects name it after themselves when TF_TRX is set).
    $env:TF_TRX = 'true'
    dotnet test $solution -c $Configuration --no-build --nologo --results-directory $ResultsDirectory
    $xunitExit = $LASTEXITCODE

    # Pester from NuGet, never a hand install: restore the package and lay its tools/ folder out under out/modules.
    $pesterRestore = Join-Path $root 'tests/Pester/restore/Pester.Restore.csproj'
    Invoke-Native 'Pester restore' { dotnet msbuild $pesterRestore -restore -t:LayOutPester -nologo -v:quiet }
    # Pester runs in a fresh pwsh, as a user's would: this script's $ErrorActionPreference = 'Stop' must not leak in.
    $pesterSummary = Join-Path $ResultsDirectory 'Pester.summary.json'
    $pesterScript = @"
`$ErrorActionPreference = 'Continue'
Import-Module '$(Join-Path $root 'out/modules/Pester/Pester.psd1')' -Force
`$pester = New-PesterConfiguration
`$pester.Run.Path = '$(Join-Path $root 'tests/Pester')'
`$pester.Run.PassThru = `$true
`$pester.Output.Verbosity = 'Detailed'
`$pester.TestResult.Enabled = `$true
`$pester.TestResult.OutputFormat = 'NUnitXml'
`$pester.TestResult.OutputPath = '$(Join-Path $ResultsDirectory 'Pester.xml')'
`$r = Invoke-Pester -Configuration `$pester
[pscustomobject]@{ Passed = `$r.PassedCount; Failed = `$r.FailedCount + `$r.FailedBlocksCount + `$r.FailedContainersCount; Skipped = `$r.SkippedCount + `$r.NotRunCount } |
    ConvertTo-Json | Set-Content -LiteralPath '$pesterSummary'
"@
    $pwsh = Get-PwshCommand
    & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $pesterScript
    $pesterResult = if (Test-Path -LiteralPath $pesterSummary) { Get-Content -Raw -LiteralPath $pesterSummary | ConvertFrom-Json } else { [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 } }

    $reports = @(Get-ChildItem -LiteralPath $ResultsDirectory -Filter *.trx)
    $xunit = $reports | ForEach-Object { Get-TrxCount $_.FullName }
    $xPassed = ($xunit | Measure-Object Passed -Sum).Sum
    $xFailed = ($xunit | Measure-Object Failed -Sum).Sum
    $xSkipped = ($xunit | Measure-Object Skipped -Sum).Sum
    $expected = @(Get-ChildItem (Join-Path $root 'tests') -Filter *.Tests.csproj -Recurse | Where-Object { (Get-Content -Raw $_.FullName) -match '<IsTestProject>true' }).Count
    if ($reports.Count -lt $expected) { $xFailed = [Math]::Max(1, $xFailed); Write-Warning "Only $($reports.Count) of $expected xunit assemblies reported results." }
    if ($xunitExit -and -not $xFailed) { $xFailed = 1 }

    $pPassed = $pesterResult.Passed; $pFailed = $pesterResult.Failed; $pSkipped = $pesterResult.Skipped
    Write-Host ''
    Write-Host "xunit:  $xPassed passed, $xFailed failed, $xSkipped skipped ($($reports.Count) assemblies)"
    Write-Host "Pester: $pPassed passed, $pFailed failed, $pSkipped skipped"
    Write-Host "$($xPassed + $pPassed) passed, $($xFailed + $pFailed) failed, $($xSkipped + $pSkipped) skipped"
    if ($xFailed -or $pFailed) { exit 1 }
}

function Invoke-Quickstart {
    Invoke-Build
    # A fresh pwsh, as a user would start one: nothing of this build script's session leaks into the sample.
    $pwsh = Get-PwshCommand
    Invoke-Native 'The quickstart' { & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -File (Join-Path $root 'samples/Quickstart.ps1') }
}

function Invoke-Package {
    Invoke-Build
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

switch ($Task) {
    'Clean' {
        Remove-Item -Recurse -Force -ErrorAction SilentlyContinue (Join-Path $root 'out')
        Invoke-Native 'dotnet clean' { dotnet clean $solution -c $Configuration --nologo -v quiet }
    }
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Quickstart' { Invoke-Quickstart }
    'Package' { Invoke-Package }
}
