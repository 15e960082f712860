# The README's quickstart runs as written, in a fresh pwsh, so it cannot rot.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
}

Describe 'samples/Quickstart.ps1' {
    It 'runs in a fresh pwsh and shows production config with its secrets masked' {
        $quickstart = [IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../../samples/Quickstart.ps1'))
        $step = Invoke-TfChildPwsh -Script "& '$quickstart'; exit `$LASTEXITCODE"
        $step.StdErr | Should -BeNullOrEmpty
        $step.ExitCode | Should -Be 0
        $step.StdOut | Should -Match 'DATABASE_URL\s+True\s+\.env\.production:1\s+postgres://app:\*{8}@'
        $step.StdOut | Should -Match 'SESSION_SECRET\s+True\s+\.env\.production:3\s+\*{8}'
        $step.StdOut | Should -Match '"DATABASE_URL": "postgres://app:\*{8}@db\.internal:5432/app"'
        $step.StdOut | Should -Match 'What if: Performing the operation "Set config value" on target "PORT in'
        $step.StdOut | Should -Not -Match 'prod-password'
        $step.StdOut | Should -Not -Match 'UnorderedKey' -Because 'Set-TfConfig keeps the files it writes lint-clean'
    }
}
