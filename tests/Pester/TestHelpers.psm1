# Shared by the Pester suite: scratch folders, and a child pwsh run the way a CI step runs one.

# The built module, as users import it.
$script:Manifest = [IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../../out/TwelveFactor/TwelveFactor.psd1'))

function Get-TfTestManifest { $script:Manifest }

function New-TfScratchFolder {
    <# A new empty folder under the temp folder; the caller removes it. #>
    $path = Join-Path ([IO.Path]::GetTempPath()) ('tf-pester-' + [Guid]::NewGuid().ToString('N').Substring(0, 12))
    (New-Item -ItemType Directory -Path $path).FullName
}

function Get-TfSharedPwshHome {
    <#
    A copy of this pwsh that every user can read: the .NET tool lives under root's NuGet folder (0700), so a
    test that runs a step as another user needs its own copy. Made once per machine and version.
    #>
    $shared = Join-Path ([IO.Path]::GetTempPath()) ("tf-pwsh-" + $PSVersionTable.PSVersion)
    if (-not (Test-Path (Join-Path $shared 'pwsh.dll'))) {
        $staging = "$shared.tmp-$PID"
        Copy-Item -Recurse -LiteralPath $PSHOME -Destination $staging
        chmod -R a+rX $staging
        Move-Item -LiteralPath $staging -Destination $shared -ErrorAction SilentlyContinue
        Remove-Item -Recurse -Force -LiteralPath $staging -ErrorAction SilentlyContinue
    }

    $shared
}

function Invoke-TfChildPwsh {
    <#
    Runs a script in a new 'pwsh -NoProfile -NonInteractive -File', as Azure DevOps and GitHub Actions run a
    step, in a clean environment plus the variables given. Returns the raw stdout and stderr text and the exit code.
    With stdout redirected, pwsh formats at 80 columns, as a CI log shows it.
    #>
    param(
        [Parameter(Mandatory)] [string] $Script,
        [hashtable] $Environment = @{},
        [string] $WorkingDirectory = (Get-Location).ProviderPath,
        # Run as this user id (and group), through setpriv; Linux only.
        [int] $UserId = -1,
        # Without -NonInteractive, standard input at end of file: a GitHub Actions 'shell: pwsh' step.
        [switch] $StdinAtEndOfFile,
        [int[]] $Groups = @()
    )

    $file = Join-Path ([IO.Path]::GetTempPath()) ('tf-step-' + [Guid]::NewGuid().ToString('N') + '.ps1')
    $manifest = $script:Manifest
    $moduleCopy = $null
    if ($UserId -ge 0) {
        # The built module may sit in a folder the other user cannot enter (a clone under mktemp -d is 0700),
        # so that user imports a readable copy, removed with the step file.
        $moduleCopy = Join-Path ([IO.Path]::GetTempPath()) ('tf-module-' + [Guid]::NewGuid().ToString('N'))
        Copy-Item -Recurse -LiteralPath (Split-Path -Parent $manifest) -Destination $moduleCopy
        chmod -R a+rX $moduleCopy
        $manifest = Join-Path $moduleCopy (Split-Path -Leaf $manifest)
    }

    Set-Content -LiteralPath $file -Value ("Import-Module '$($manifest -replace "'", "''")'`n" + $Script) -Encoding utf8NoBOM
    try {
        $dotnet = [Environment]::ProcessPath
        $arguments = [Collections.Generic.List[string]]::new()
        $pwshHome = if ($UserId -ge 0) { Get-TfSharedPwshHome } else { $PSHOME }
        if ((Split-Path -Leaf $dotnet) -like 'dotnet*') { $arguments.Add((Join-Path $pwshHome 'pwsh.dll')) }
        $arguments.AddRange([string[]]$(if ($StdinAtEndOfFile) { @('-NoProfile', '-File', $file) } else { @('-NoProfile', '-NonInteractive', '-File', $file) }))
        $info = [Diagnostics.ProcessStartInfo]::new()
        if ($UserId -ge 0) {
            $info.FileName = 'setpriv'
            $info.ArgumentList.Add("--reuid=$UserId")
            $info.ArgumentList.Add("--regid=$UserId")
            if ($Groups) { $info.ArgumentList.Add('--groups=' + ($Groups -join ',')) } else { $info.ArgumentList.Add('--clear-groups') }
            $info.ArgumentList.Add($dotnet)
            chmod 0644 $file
        }
        else {
            $info.FileName = $dotnet
        }

        foreach ($a in $arguments) { $info.ArgumentList.Add($a) }
        $info.WorkingDirectory = $WorkingDirectory
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardError = $true
        $info.RedirectStandardInput = [bool]$StdinAtEndOfFile
        $info.UseShellExecute = $false
        $info.Environment.Clear()
        $home = if ($UserId -ge 0) { New-TfScratchFolder } else { $HOME }
        if ($UserId -ge 0) { chmod 0777 $home }
        foreach ($name in 'PATH', 'LANG', 'DOTNET_ROOT') {
            $value = [Environment]::GetEnvironmentVariable($name)
            if ($value) { $info.Environment[$name] = $value }
        }

        $info.Environment['HOME'] = $home
        $info.Environment['TMPDIR'] = if ($UserId -ge 0) { $home } else { [IO.Path]::GetTempPath() }
        $info.Environment['DOTNET_CLI_TELEMETRY_OPTOUT'] = '1'
        $info.Environment['POWERSHELL_TELEMETRY_OPTOUT'] = '1'
        $info.Environment['POWERSHELL_UPDATECHECK'] = 'Off'
        # Plain text, as most CI logs are read; a test that wants colour passes its own.
        $info.Environment['NO_COLOR'] = '1'
        foreach ($key in $Environment.Keys) { $info.Environment[$key] = [string]$Environment[$key] }
        $process = [Diagnostics.Process]::Start($info)
        if ($StdinAtEndOfFile) { $process.StandardInput.Close() }
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit(120000)) { $process.Kill($true); throw 'The child pwsh did not finish in 2 minutes.' }
        [pscustomobject]@{ StdOut = $stdout.Result; StdErr = $stderr.Result; ExitCode = $process.ExitCode }
    }
    finally {
        Remove-Item -LiteralPath $file -ErrorAction SilentlyContinue
        if ($moduleCopy) { Remove-Item -Recurse -Force -LiteralPath $moduleCopy -ErrorAction SilentlyContinue }
    }
}

function Get-TfHelpExample {
    <# The code of example number $Number in the cmdlet's help, as Get-Help shows it. #>
    param([Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [int] $Number)
    $examples = @((Get-Help -Name $Name -Full).Examples.Example)
    if ($Number -gt $examples.Count) { throw "$Name has no example $Number." }
    ($examples[$Number - 1].Code | Out-String).Trim()
}

function Invoke-TfHelpExample {
    <#
    Runs example number $Number of the cmdlet's help as written, in the caller's location. Absolute deploy paths
    (/srv/shop) are moved under -Root, the only change made, so a test never writes outside its scratch folder.
    #>
    param([Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [int] $Number, [string] $Root)
    $code = Get-TfHelpExample -Name $Name -Number $Number
    if ($Root) { $code = $code -replace '(?<![\w.])/srv/', ($Root.TrimEnd('/') + '/srv/') }
    & ([scriptblock]::Create($code))
}

function New-TfReleaseFixture {
    <#
    A scratch app in the current location: env files for staging and production, a build folder ./publish and a
    release store in ./store (set as $env:TF_RELEASE_STORE, app 'shop' as $env:TF_APP). Returns the folder.
    #>
    $app = New-TfScratchFolder
    Push-Location $app
    New-Item -ItemType Directory -Path publish/wwwroot | Out-Null
    Set-Content -Path publish/app.txt -Value 'one'
    Set-Content -Path publish/wwwroot/index.html -Value '<h1>shop</h1>'
    Set-Content -Path .env -Value 'PORT=5000'
    Set-Content -Path .env.staging -Value "API_URL=https://staging.example`nDB_PASSWORD=staging-secret"
    Set-Content -Path .env.production -Value "API_URL=https://shop.example`nDB_PASSWORD=production-secret"
    $env:TF_RELEASE_STORE = Join-Path $app 'store'
    $env:TF_APP = 'shop'
    $app
}

function Remove-TfReleaseFixture {
    param([string] $Path)
    Pop-Location
    Remove-Item Env:TF_RELEASE_STORE, Env:TF_APP -ErrorAction SilentlyContinue
    Remove-Item -Recurse -Force -LiteralPath $Path -ErrorAction SilentlyContinue
}

function Get-TfCompletion {
    <# The completion texts TabExpansion2 offers at the end of $Line, as Tab would. #>
    param([Parameter(Mandatory)] [string] $Line)
    @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText)
}

function Get-TfRendered {
    <# What the default view shows at a width, as a CI log (80) or a wide terminal (120) would. #>
    param([Parameter(Mandatory, ValueFromPipeline)] $InputObject, [int] $Width = 80)
    begin { $items = [Collections.Generic.List[object]]::new() }
    process { $items.Add($InputObject) }
    end { @(($items | Out-String -Width $Width) -split '\r?\n') }
}

function Get-TfTestApp {
    <#
    The test app the Procfile tests run (tests/TwelveFactor.TestApp, built with the solution), quoted for a Procfile
    line: '<path>' mode args. Its modes: serve, serve-mark FILE, serve-ignore-term, serve-log-file, serve-state-file,
    never-bind, exit N, exit-after SECONDS N, trap-term N, orphan, structured, crash-once FILE. Without -Mode, its path.
    #>
    param([string] $Mode)
    $built = Get-ChildItem -Path (Join-Path $PSScriptRoot '../TwelveFactor.TestApp/bin') -Recurse -File -Filter 'TwelveFactor.TestApp' |
        Sort-Object LastWriteTime -Descending | Select-Object -First 1
    if (-not $built) { throw 'tests/TwelveFactor.TestApp is not built: run ./build.ps1 -Task Build.' }
    if (-not $Mode) { return $built.FullName }
    "'$($built.FullName)' $Mode"
}

function Start-TfPwshProcess {
    <#
    Starts 'pwsh -NoProfile -NonInteractive -Command' with the module imported, stdout redirected, SIGINT at its default
    (as a terminal's shell starts it; a test run in the background inherits it ignored), and reads its stdout until a
    line matches -WaitFor (60 s at most). Returns the process and the lines read; the caller signals and reaps it.
    #>
    param([Parameter(Mandatory)] [string] $Command, [Parameter(Mandatory)] [string] $WaitFor, [int] $Count = 1, [string] $WorkingDirectory = (Get-Location).ProviderPath)
    $info = [Diagnostics.ProcessStartInfo]::new('env')
    $info.ArgumentList.Add('--default-signal=INT')
    $info.ArgumentList.Add([Environment]::ProcessPath)
    if ((Split-Path -Leaf ([Environment]::ProcessPath)) -like 'dotnet*') { $info.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
    foreach ($a in '-NoProfile', '-NonInteractive', '-Command', "Import-Module '$($script:Manifest)'; $Command") { $info.ArgumentList.Add($a) }
    $info.WorkingDirectory = $WorkingDirectory
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardInput = $true
    $process = [Diagnostics.Process]::Start($info)
    $seen = [Collections.Generic.List[string]]::new()
    $deadline = (Get-Date).AddSeconds(60)
    while (($seen -match $WaitFor).Count -lt $Count -and (Get-Date) -lt $deadline) {
        $line = $process.StandardOutput.ReadLine()
        if ($null -eq $line) { break }
        $seen.Add($line)
    }
    [pscustomobject]@{ Process = $process; Lines = $seen }
}

function New-TfProcfileFixture {
    <#
    A scratch app in the current location with a Procfile (lines given as name = mode of the test app), a .env with a
    secret and a plain value, and an empty .env.staging and .env.production. Returns the folder.
    #>
    param([Parameter(Mandatory)] [System.Collections.Specialized.OrderedDictionary] $Types)
    $app = New-TfScratchFolder
    Push-Location $app
    $lines = foreach ($name in $Types.Keys) { "${name}: $(Get-TfTestApp $Types[$name])" }
    Set-Content -Path Procfile -Value $lines
    Set-Content -Path .env -Value "LOG_LEVEL=info`nDB_PASSWORD=hunter2-procfile-secret"
    Set-Content -Path .env.staging -Value 'GREETING=staging'
    Set-Content -Path .env.production -Value 'GREETING=production'
    $app
}

Export-ModuleMember -Function Get-TfTestManifest, New-TfScratchFolder, Invoke-TfChildPwsh, Get-TfHelpExample, Invoke-TfHelpExample,
    New-TfReleaseFixture, Remove-TfReleaseFixture, Get-TfCompletion, Get-TfRendered, Get-TfTestApp, New-TfProcfileFixture, Start-TfPwshProcess
