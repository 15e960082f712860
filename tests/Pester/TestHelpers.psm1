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
    #>
    param(
        [Parameter(Mandatory)] [string] $Script,
        [hashtable] $Environment = @{},
        [string] $WorkingDirectory = (Get-Location).ProviderPath,
        [int] $Width = 80,
        # Run as this user id (and group), through setpriv; Linux only.
        [int] $UserId = -1,
        [int[]] $Groups = @()
    )

    $file = Join-Path ([IO.Path]::GetTempPath()) ('tf-step-' + [Guid]::NewGuid().ToString('N') + '.ps1')
    Set-Content -LiteralPath $file -Value ("Import-Module '$($script:Manifest -replace "'", "''")'`n" + $Script) -Encoding utf8NoBOM
    try {
        $dotnet = [Environment]::ProcessPath
        $arguments = [Collections.Generic.List[string]]::new()
        $pwshHome = if ($UserId -ge 0) { Get-TfSharedPwshHome } else { $PSHOME }
        if ((Split-Path -Leaf $dotnet) -like 'dotnet*') { $arguments.Add((Join-Path $pwshHome 'pwsh.dll')) }
        $arguments.AddRange([string[]]@('-NoProfile', '-NonInteractive', '-File', $file))
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
        $info.Environment['COLUMNS'] = "$Width"
        foreach ($key in $Environment.Keys) { $info.Environment[$key] = [string]$Environment[$key] }
        $process = [Diagnostics.Process]::Start($info)
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit(120000)) { $process.Kill($true); throw 'The child pwsh did not finish in 2 minutes.' }
        [pscustomobject]@{ StdOut = $stdout.Result; StdErr = $stderr.Result; ExitCode = $process.ExitCode }
    }
    finally {
        Remove-Item -LiteralPath $file -ErrorAction SilentlyContinue
    }
}

Export-ModuleMember -Function Get-TfTestManifest, New-TfScratchFolder, Invoke-TfChildPwsh
