BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TfTestManifest) -Force
}

Describe 'Test-TfProcfile' {
    BeforeEach {
        $app = New-TfScratchFolder
        Push-Location $app
        Set-Content Procfile "web:bin/web`nWeb_Admin: bin/admin`nworker: a`nworker: b`nnot a line"
    }
    AfterEach {
        Pop-Location
        Remove-Item -Recurse -Force $app
    }

    It 'runs help example 1: what each tool would reject, by line' {
        $findings = Invoke-TfHelpExample Test-TfProcfile 1
        ($findings | ForEach-Object { "$($_.Line) $($_.Tool) $($_.Rule)" }) | Should -Be @(
            '1 Overmind NoSpaceAfterColon'
            '2 Dokku NameNotDnsLabel'
            '4 Foreman DuplicateType'
            '4 Dokku DuplicateType'
            '5 Foreman LineIgnored'
            '5 Overmind LineIgnored'
            '5 Dokku LineRejected')
        $findings[0].Message | Should -Match "needs a space after the colon \('web: command'\)"
    }

    It 'runs help example 2: a step fails on a Procfile tools disagree about, and passes on a clean one' {
        { Invoke-TfHelpExample Test-TfProcfile 2 } | Should -Throw '*does not run alike*'
        Set-Content Procfile "web: bin/web`nworker: bin/worker"
        { Invoke-TfHelpExample Test-TfProcfile 2 } | Should -Not -Throw
        Test-TfProcfile | Should -BeNullOrEmpty
    }

    It 'keeps only the tools asked for' {
        (Test-TfProcfile -Tool Overmind).Line | Should -Be @(1, 5)
    }

    It 'shows a table that fits a CI log' {
        $lines = Test-TfProcfile | Get-TfRendered -Width 80
        ($lines | Where-Object { $_.Length -gt 80 }) | Should -BeNullOrEmpty
        ($lines -join "`n") | Should -Match '1 Overmind NoSpaceAfterColon'
    }
}
