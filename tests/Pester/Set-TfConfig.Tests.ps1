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
