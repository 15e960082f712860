BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TfTestManifest) -Force
}

Describe 'Get-TfConfig' {
    BeforeEach {
        $app = New-TfScratchFolder
        Push-Location $app
    }
    AfterEach {
        Pop-Location
        Remove-Item -Recurse -Force $app
    }

    It 'masks a secret, and shows it only with -AsPlainText' {
        Set-TfConfig -Name DB_PASSWORD -Value 's3cr3t!' -Environment staging
        $entry = Get-TfConfig -Name DB_PASSWORD -Environment staging
        $entry.Value | Should -Be '********'
        $entry.IsSecret | Should -BeTrue
        (Get-TfConfig -Name DB_PASSWORD -Environment staging -AsPlainText).Value | Should -Be 's3cr3t!'
    }

    It 'reveals nothing of a secret when an entry is serialised' {
        Set-TfConfig -Name DB_PASSWORD -Value 'fourteen-chars' -Environment production
        $json = Get-TfConfig -Environment production | ConvertTo-Json -Depth 5
        $json | Should -Not -Match 'fourteen-chars'
        $json | Should -Not -Match '"Length"'
        $json | Should -Not -Match ':\s*14\b'
        (Get-TfConfig -Environment production | Select-Object * | Out-String) | Should -Not -Match 'fourteen'
        # The value still reaches the module's own cmdlets through the pipeline.
        Get-TfConfig -Environment production | Set-TfConfig -Environment staging
        (Get-TfConfig -Name DB_PASSWORD -Environment staging -AsPlainText).Value | Should -Be 'fourteen-chars'
    }

    It 'masks only the password of a connection string' {
        Set-Content -Path .env.production -Value 'SQL=Server=db;Database=app;User Id=sa;Password=hunter2-pw;'
        $entry = Get-TfConfig -Name SQL -Environment production
        $entry.IsSecret | Should -BeTrue
        $entry.Value | Should -Be 'Server=db;Database=app;User Id=sa;Password=********;'
    }

    It 'gives -AsHashtable as an ordered table that finds every key as PowerShell asks' {
        Set-Content -Path .env -Value ("PORT=80`nport=lower`nDB_PASSWORD=pw`n" + ((1..500 | ForEach-Object { "KEY_$_=value-$_" }) -join "`n"))
        $table = Get-TfConfig -AsHashtable
        $table | Should -BeOfType System.Collections.Specialized.OrderedDictionary
        @($table.Keys)[0..3] | Should -Be @('PORT', 'port', 'DB_PASSWORD', 'KEY_1')
        $table.Count | Should -Be 503
        $table['KEY_250'] | Should -Be 'value-250'
        $table.KEY_500 | Should -Be 'value-500'
        $table.port | Should -Be 'lower'
        $table.DB_PASSWORD | Should -Be '********'
        $table.Contains('Port') | Should -BeFalse
        $table['MISSING'] | Should -BeNullOrEmpty
        $table['ADDED'] = 'later'
        $table.Remove('KEY_1')
        $table.ADDED | Should -Be 'later'
        $table.Contains('KEY_1') | Should -BeFalse
        $only = Get-TfConfig -AsHashtable -AsPlainText -Name 'KEY_49?', DB_PASSWORD
        @($only.Keys) | Should -Be @('DB_PASSWORD', 'KEY_490', 'KEY_491', 'KEY_492', 'KEY_493', 'KEY_494', 'KEY_495', 'KEY_496', 'KEY_497', 'KEY_498', 'KEY_499')
        $only.KEY_495 | Should -Be 'value-495'
        $only.DB_PASSWORD | Should -Be 'pw'
    }

    It 'reads a 2 MB value' {
        $big = 'a' * 2MB
        Set-TfConfig -Name CERT_BUNDLE -Value $big -Secret
        (Get-TfConfig -Name CERT_BUNDLE -AsPlainText).Value.Length | Should -Be 2MB
        (Get-TfConfig -Name CERT_BUNDLE).Value | Should -Be '********'
    }

    It 'reports a bad line with file and line' {
        Set-Content -Path .env -Value "GOOD=1`nBAD='unterminated"
        Get-TfConfig -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'ConfigFileSyntax,TwelveFactor.Commands.GetTfConfigCommand'
        $err[0].Exception.Message | Should -Match '\.env:2'
    }

    It 'never shows the text of a line that is not KEY=VALUE, which may be a pasted secret' {
        Set-Content .env.staging "DB_USER=app`ncorrect horse battery staple`nPORT=5000"
        $step = Invoke-TfChildPwsh -Script 'Get-TfConfig -Environment staging; Test-TfConfig -Environment staging; $Error | Format-List * -Force; $Error.Exception | Format-List * -Force'
        ($step.StdOut + $step.StdErr) | Should -Match 'staging:2:8: the line has blanks and no'
        ($step.StdOut + $step.StdErr) | Should -Not -Match 'horse|battery|staple'
    }

    It 'reports a layer that is a fifo instead of waiting for a writer' -Skip:$IsWindows {
        Set-Content .env.staging 'PORT=5000'
        mkfifo .env.staging.local
        $step = Invoke-TfChildPwsh -Script 'Get-TfConfig -Environment staging -ErrorAction Continue | Out-Null; "exit=$?"'
        $step.StdOut | Should -Match 'exit=False'
        (($step.StdOut + $step.StdErr) -replace '\s+\|?\s*', ' ') | Should -Match "\.env\.staging\.local' is a fifo, not a regular file"
    }

    It 'shows the source of a local override layer whole on its row at 80 columns' {
        Set-Content .env.production 'PORT=5000'
        Set-Content .env.production.local (@('LOG_LEVEL=debug') * 12)
        $lines = Get-TfConfig -Environment production | Get-TfRendered -Width 80
        ($lines | Where-Object { $_ -match '^LOG_LEVEL\b' }) | Should -Match ' \.env\.production\.local:12 +debug$'
        ($lines | Where-Object { $_ -match '^PORT\b' }) | Should -Match ' \.env\.production:1 +5000$'
    }

    It 'renders at 80 and 120 columns with whole headers and the source kept' {
        Set-TfConfig -Name DATABASE_URL -Value 'postgres://app:pw@db.internal:5432/app' -Environment production
        Set-TfConfig -Name PORT -Value 5000
        foreach ($width in 80, 120) {
            $lines = Get-TfConfig -Environment production | Get-TfRendered -Width $width
            ($lines | Where-Object { $_.Length -gt $width }) | Should -BeNullOrEmpty
            $header = $lines | Where-Object { $_ -match '^Name\s' }
            $header | Should -Match '^Name\s+Secret\s+Source\s+Value$'
            ($lines | Where-Object { $_ -match '^PORT\s' }) | Should -Match '\.env:1\s+5000$'
            ($lines | Where-Object { $_ -match '^DATABASE_URL\s' }) | Should -Match 'postgres://app:\*{8}@'
        }
    }

    It 'refuses a typo of an environment, naming the one meant, instead of showing the shared config' {
        Set-TfConfig -Name A -Value 1 -Environment production
        { Get-TfConfig -Environment prodution -ErrorAction Stop } | Should -Throw -ErrorId 'EnvironmentNotFound,TwelveFactor.Commands.GetTfConfigCommand'
        $message = try { Get-TfConfig -Environment prodution } catch { $_.Exception.Message }
        $message | Should -Match "Did you mean 'production'"
        New-Item -ItemType File .env.preview | Out-Null
        Get-TfConfig -Environment preview -ErrorAction Stop | Should -BeNullOrEmpty -Because 'an empty file declares an environment'
    }

    It 'completes environments and keys' {
        Set-TfConfig -Name DATABASE_URL -Value x -Environment production
        Set-TfConfig -Name DATA_DIR -Value y -Environment production
        Get-TfCompletion 'Get-TfConfig -Environment pro' | Should -Be 'production'
        Get-TfCompletion 'Get-TfConfig -Environment production -Name DATA' | Should -Be 'DATABASE_URL', 'DATA_DIR'
    }

    Context 'in a pipeline step' {
        It 'shows values that carry Azure Pipelines commands without letting them run' {
            Set-Content -Path .env -Value "LOG_LEVEL='info ##vso[task.complete result=Succeeded;]'`nNOTE='##[error]fake'"
            $step = Invoke-TfChildPwsh -Script 'Get-TfConfig' -Environment @{ TF_BUILD = 'True' }
            $step.ExitCode | Should -Be 0
            $step.StdOut | Should -Not -Match '##vso\['
            $step.StdOut | Should -Not -Match '##\['
            $step.StdOut | Should -Match '\*\*vso\[task\.complete'
        }

        It 'shows values that look like GitHub workflow commands without letting them run' {
            Set-Content -Path .env -Value "A_NOTE='::stop-commands::pwned'"
            $step = Invoke-TfChildPwsh -Script 'Get-TfConfig | Format-List Name, Value' -Environment @{ GITHUB_ACTIONS = 'true' }
            $step.StdOut -split "`n" | Where-Object { $_.TrimStart().StartsWith('::') } | Should -BeNullOrEmpty
        }

        It 'escapes terminal control sequences in a value' {
            [IO.File]::WriteAllText((Join-Path $app '.env'), "TITLE=`"x`e]0;owned`ay`"`n")
            $step = Invoke-TfChildPwsh -Script 'Get-TfConfig | Out-String -Width 200'
            $step.StdOut | Should -Not -Match ([regex]::Escape([string][char]0x1b) + '\]0;')
            $step.StdOut | Should -Match ([regex]::Escape('x\e]0;owned\x07y'))
        }
    }
}
