BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TfTestManifest) -Force
}

Describe 'Get-TfBackingService' {
    BeforeEach {
        $app = New-TfScratchFolder
        Push-Location $app
        Set-Content .env.production "DATABASE_URL=postgres://app:pw-secret@db.internal:5432/shop?sslmode=require`nREDIS_URL=redis://cache.internal:6379/0`nSQL=Server=sql.internal,1433;Database=orders;User Id=sa;Password=sql-secret"
    }
    AfterEach {
        Pop-Location
        Remove-Item -Recurse -Force $app
    }

    It 'runs help example 1: the services of production, passwords masked' {
        $services = Invoke-TfHelpExample Get-TfBackingService 1
        ($services | Where-Object Name -eq DATABASE_URL).Host | Should -Be 'db.internal'
        ($services | Format-List * | Out-String) | Should -Not -Match 'pw-secret|sql-secret'
    }

    It 'renders in 80 columns' {
        $lines = Get-TfBackingService -Environment production | Get-TfRendered -Width 80
        ($lines | Where-Object { $_.Length -gt 80 }) | Should -BeNullOrEmpty
        ($lines -join "`n") | Should -Match 'cache\.internal'
    }
}
