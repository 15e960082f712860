BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TfTestManifest) -Force
}

Describe 'Export-TfConfig' {
    BeforeEach {
        $app = New-TfScratchFolder
        Push-Location $app
        Set-TfConfig -Name PORT -Value 5000
        Set-TfConfig -Name API_TOKEN -Value 'tok-secret-value' -Environment production
    }
    AfterEach {
        Pop-Location
        Remove-Item -Recurse -Force $app
    }

    It 'writes JSON to the pipeline with secrets masked (help example)' {
        $json = Export-TfConfig -Format Json -Environment production | ConvertFrom-Json
        $json.PORT | Should -Be '5000'
        $json.API_TOKEN | Should -Be '********'
    }

    Context 'GitHub Actions env files' -Skip:$IsWindows {
        It 'creates a new env file owner-only' {
            Export-TfConfig -Format GitHubActions -Environment production -Path ./gh.env
            (Get-Content ./gh.env -Raw) | Should -Match 'API_TOKEN'
            (stat -c '%a' ./gh.env) | Should -Be '600'
        }

        It 'refuses to append through a symlink and leaves the target alone' {
            Set-Content -Path ./victim.txt -Value 'theirs'
            New-Item -ItemType SymbolicLink -Path ./gh.env -Target ./victim.txt | Out-Null
            Export-TfConfig -Format GitHubActions -Environment production -Path ./gh.env -ErrorVariable failed -ErrorAction SilentlyContinue
            $failed[0].FullyQualifiedErrorId | Should -Be 'ExportWriteFailed,TwelveFactor.Commands.ExportTfConfigCommand'
            Get-Content ./victim.txt | Should -Be 'theirs'
        }
    }
}
