BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TfTestManifest) -Force
}

Describe 'Get-TfProcfile' {
    BeforeEach {
        $app = New-TfScratchFolder
        Push-Location $app
        Set-Content Procfile "# the shop`nweb: bin/web --port `$PORT`nworker: bin/worker`n`nclock: bin/clock"
        Set-Content Procfile.dev "web: bin/dev-web`nweb-admin: bin/admin`nworker: bin/dev-worker"
    }
    AfterEach {
        Pop-Location
        Remove-Item -Recurse -Force $app
    }

    It 'runs help example 1: the types here, in order, with their lines' {
        $types = Invoke-TfHelpExample Get-TfProcfile 1
        $types.Name | Should -Be @('web', 'worker', 'clock')
        $types.Line | Should -Be @(2, 3, 5)
        $types[0].Command | Should -Be 'bin/web --port $PORT'
        $types[0].Path | Should -Be (Join-Path $app 'Procfile')
    }

    It 'runs help example 2: only the web types of another Procfile' {
        (Invoke-TfHelpExample Get-TfProcfile 2).Name | Should -Be @('web', 'web-admin')
    }

    It 'reports a line no tool would run and a name given twice, with file and line, and keeps the rest' {
        Set-Content Procfile "web: a`nweb.1: b`nweb: c`nworker: d"
        $types = Get-TfProcfile -ErrorVariable problems -ErrorAction SilentlyContinue
        $types.Name | Should -Be @('web', 'worker')
        $problems.FullyQualifiedErrorId | Should -Be @('ProcfileLineInvalid,TwelveFactor.Commands.GetTfProcfileCommand', 'ProcfileDuplicateType,TwelveFactor.Commands.GetTfProcfileCommand')
        $problems[0].TargetObject | Should -Be "$(Join-Path $app 'Procfile'):2"
        $problems[1].Exception.Message | Should -Match 'already defined on line 1'
    }

    It 'says where it looked when there is no Procfile' {
        Remove-Item Procfile
        { Get-TfProcfile -ErrorAction Stop } | Should -Throw -ErrorId 'ProcfileNotFound,TwelveFactor.Commands.GetTfProcfileCommand'
        $Error[0].Exception.Message | Should -Match ([regex]::Escape((Join-Path $app 'Procfile')))
    }

    It 'completes process type names from the Procfile' {
        Get-TfCompletion 'Get-TfProcfile -Name w' | Should -Be @('web', 'worker')
        Get-TfCompletion 'Test-TfDisposability -Type c' | Should -Be @('clock')
    }

    It 'shows a table that fits a CI log' {
        $lines = Get-TfProcfile | Get-TfRendered -Width 80
        ($lines | Where-Object { $_.Length -gt 80 }) | Should -BeNullOrEmpty
        ($lines -join "`n") | Should -Match 'worker\s+3 bin/worker'
    }
}
