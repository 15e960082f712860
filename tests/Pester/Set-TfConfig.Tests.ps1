BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TfTestManifest) -Force
}

Describe 'Set-TfConfig' {
    BeforeEach {
        $app = New-TfScratchFolder
        Push-Location $app
    }
    AfterEach {
        Pop-Location
        Remove-Item -Recurse -Force $app
    }

    It 'sets a value for one environment (help example 1)' {
        Set-TfConfig -Name DATABASE_URL -Value 'postgres://app@db.internal/app' -Environment production
        Get-Content .env.production | Should -Be 'DATABASE_URL=postgres://app@db.internal/app'
    }

    It 'marks any SecureString value secret, whichever parameter takes it' {
        Set-TfConfig -Name SIGNING_SEED -SecureValue (ConvertTo-SecureString 'seed-value' -AsPlainText -Force)
        Set-TfConfig -Name WEBHOOK -Value (ConvertTo-SecureString 'hook-value' -AsPlainText -Force)
        Get-Content .env -Raw | Should -Be "# tf:secret`nSIGNING_SEED=seed-value`n# tf:secret`nWEBHOOK=hook-value`n"
        (Get-TfConfig -Name SIGNING_SEED).Value | Should -Be '********'
        (Export-TfConfig -Format Dotenv) -join "`n" | Should -Not -Match 'seed-value|hook-value'
    }

    It 'refuses a NUL character and leaves the file as it was' {
        Set-Content -Path .env -Value 'DB_PASSWORD=before'
        { Set-TfConfig -Name DB_PASSWORD -Value "x`0y" -ErrorAction Stop } | Should -Throw -ErrorId 'ConfigValueInvalid,TwelveFactor.Commands.SetTfConfigCommand'
        Get-Content .env | Should -Be 'DB_PASSWORD=before'
        (Get-TfConfig -Name DB_PASSWORD -AsPlainText).Value | Should -Be 'before'
    }

    It 'shows a hostile file name neutralised in verbose text inside an Azure Pipelines step' {
        $script = @'
Set-TfConfig -Name A -Value 1 -Path './##vso[task.complete result=Succeeded;].env' -Verbose 4>&1 | ForEach-Object { "$_" }
'@
        $step = Invoke-TfChildPwsh -Script $script -Environment @{ TF_BUILD = 'True' }
        $step.StdOut | Should -Match '\*\*vso\[task\.complete'
        $step.StdOut | Should -Not -Match '##vso\['
    }

    It 'runs help example 3: copies staging to production, checking first' {
        Set-Content .env.staging "API_URL=https://staging.example`n# tf:secret`nSIGNING_SEED=seed"
        New-Item -ItemType File .env.production | Out-Null
        Invoke-TfHelpExample Set-TfConfig 3
        Get-Content .env.production | Should -Be 'API_URL=https://staging.example', '# tf:secret', 'SIGNING_SEED=seed'
    }

    It 'never copies a value from your shell into another environment''s file' {
        Set-Content .env.production 'DATABASE_URL=postgres://db.prod/app'
        New-Item -ItemType File .env.staging | Out-Null
        $env:DATABASE_URL = 'postgres://localhost/dev'
        try {
            Get-TfConfig -Environment production | Set-TfConfig -Environment staging -ErrorVariable failed -ErrorAction SilentlyContinue
            $failed[0].FullyQualifiedErrorId | Should -Be 'ConfigValueFromShell,TwelveFactor.Commands.SetTfConfigCommand'
            Get-Content .env.staging | Should -BeNullOrEmpty
            (Get-TfConfig -Name DATABASE_URL -Environment production).Source | Should -Be '$env:DATABASE_URL'
            Get-TfConfig -Environment production -Precedence FilesOnly | Set-TfConfig -Environment staging
            Get-Content .env.staging | Should -Be 'DATABASE_URL=postgres://db.prod/app'
        }
        finally {
            Remove-Item Env:DATABASE_URL
        }
    }

    It 'refuses a read-only file unless -Force, and keeps it read-only' -Skip:$IsWindows {
        Set-Content .env 'A=1'
        chmod 0444 .env
        { Set-TfConfig -Name B -Value 2 -ErrorAction Stop } | Should -Throw -ErrorId 'ConfigFileReadOnly,TwelveFactor.Commands.SetTfConfigCommand'
        Get-Content .env | Should -Be 'A=1'
        Set-TfConfig -Name B -Value 2 -Force
        Get-Content .env | Should -Be 'A=1', 'B=2'
        stat -c '%a' .env | Should -Be '444'
    }

    It 'writes booleans as true and false, and keeps the quoting a key had' {
        Set-Content .env "FLAG=x`nNAME=`"a b`"`nSINGLE='x y'"
        Set-TfConfig -Name FLAG -Value $true
        Set-TfConfig -Name NAME -Value 'c d'
        Set-TfConfig -Name SINGLE -Value 'p q'
        Get-Content .env | Should -Be 'FLAG=true', 'NAME="c d"', "SINGLE='p q'"
    }

    It 'keeps a file it writes free of lint findings' {
        Set-TfConfig -Name PORT -Value 5000
        Set-TfConfig -Name LOG_LEVEL -Value info
        Set-TfConfig -Name API_URL -Value https://x.example
        Get-Content .env | Should -Be 'API_URL=https://x.example', 'LOG_LEVEL=info', 'PORT=5000'
        Test-TfConfig -Path ./.env | Should -BeNullOrEmpty
    }

    It 'refuses a key name with a - or a .' {
        { Set-TfConfig -Name 'BAD-NAME' -Value 1 -ErrorAction Stop } | Should -Throw -ErrorId 'ConfigKeyInvalid,TwelveFactor.Commands.SetTfConfigCommand'
    }

    It 'names a UTF-16 file and says to save it as UTF-8' {
        [IO.File]::WriteAllText((Join-Path $app '.env'), "A=1`n", [Text.Encoding]::Unicode)
        Set-TfConfig -Name B -Value 2 -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].Exception.Message | Should -Match 'UTF-16'
        $failed[0].Exception.Message | Should -Match 'UTF-8'
    }

    It 'loses no write among 8 writers, half of them through a symlink' -Skip:$IsWindows {
        New-Item -ItemType Directory real | Out-Null
        Set-Content real/shared.env '# shared'
        New-Item -ItemType SymbolicLink -Path link.env -Target real/shared.env | Out-Null
        $manifest = Get-TfTestManifest
        $jobs = 1..8 | ForEach-Object {
            $path = if ($_ % 2) { Join-Path $app 'link.env' } else { Join-Path $app 'real/shared.env' }
            $script = "Import-Module '$manifest'; 1..40 | ForEach-Object { Set-TfConfig -Name ('K_{0}_{1}' -f $_, `$_) -Value `$_ -Path '$path' -ErrorAction Stop }"
            Start-ThreadJob -ScriptBlock ([scriptblock]::Create($script))
        }
        $jobs | Wait-Job -Timeout 180 | Receive-Job -ErrorAction Stop
        $keys = (Get-Content real/shared.env) | Where-Object { $_ -like 'K_*' }
        $keys.Count | Should -Be 320
        (Get-Item -Force link.env).LinkTarget | Should -Be 'real/shared.env'
        Get-ChildItem -Force real | Where-Object Name -like '.*.tmp-*' | Should -BeNullOrEmpty
    }

    It 'leaves no lock files behind and keeps them in a folder of this user''s own' -Skip:$IsWindows {
        Set-TfConfig -Name A -Value 1
        $folder = Join-Path ([IO.Path]::GetTempPath()) "twelvefactor-locks-$(id -u)"
        stat -c '%a %u' $folder | Should -Be "700 $(id -u)"
        $before = @(Get-ChildItem $folder).Count
        1..5 | ForEach-Object { Set-TfConfig -Name "K$_" -Value $_ }
        @(Get-ChildItem $folder).Count | Should -Be $before
    }

    It 'writes through a symlink to its target and keeps the link' -Skip:$IsWindows {
        New-Item -ItemType Directory shared | Out-Null
        Set-Content -Path shared/app.env -Value 'A=1'
        New-Item -ItemType SymbolicLink -Path .env -Target shared/app.env | Out-Null
        Set-TfConfig -Name B -Value 2
        (Get-Item -Force .env).LinkTarget | Should -Be 'shared/app.env'
        Get-Content shared/app.env | Should -Be 'A=1', 'B=2'
    }

    Context 'files other users own' -Skip:(-not $IsLinux -or (id -u) -ne '0') {
        It 'keeps the owner and group of the file it rewrites (as root)' {
            Set-Content -Path .env -Value 'A=1'
            chown 4321:8765 .env
            chmod 0660 .env
            Set-TfConfig -Name B -Value 2
            (stat -c '%u:%g %a' .env) | Should -Be '4321:8765 660'
        }

        It 'lets a second user edit its own file while another user''s locks exist' {
            Set-TfConfig -Name ROOT_LOCK -Value 1   # leaves root's lock folder in the shared temp folder
            $theirs = New-TfScratchFolder
            chown 4321:4321 $theirs
            $step = Invoke-TfChildPwsh -UserId 4321 -WorkingDirectory $theirs -Script "`$env:TMPDIR = '$([IO.Path]::GetTempPath())'; Set-TfConfig -Name A -Value 1 -ErrorAction Stop; Get-Content .env"
            $step.StdErr | Should -BeNullOrEmpty
            $step.StdOut.Trim() | Should -Be 'A=1'
            Remove-Item -Recurse -Force $theirs
        }

        It 'refuses, as an unprivileged group member, a rewrite that would take the file from its owner' {
            chown 1111:8765 $app
            chmod 0775 $app
            Set-Content -Path .env -Value 'A=1'
            chown 1111:8765 .env
            chmod 0660 .env
            $step = Invoke-TfChildPwsh -UserId 4321 -Groups 8765 -Script @'
Set-TfConfig -Name B -Value 2 -ErrorAction SilentlyContinue -ErrorVariable failed
$failed[0].FullyQualifiedErrorId
'@
            $step.StdOut.Trim() | Should -Be 'ConfigFileOwnerNotKept,TwelveFactor.Commands.SetTfConfigCommand'
            (stat -c '%u:%g %a' .env) | Should -Be '1111:8765 660'
            Get-Content .env | Should -Be 'A=1'
            Get-ChildItem -Force | Where-Object Name -like '.*.tmp-*' | Should -BeNullOrEmpty
        }
    }
}
