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

    It 'shows a fully qualified host whole on its row at 80 columns' {
        Set-Content .env.production "DATABASE_URL=postgres://app:pw@db-primary.prod.internal:5432/shop`nMONGODB_URI=mongodb+srv://u:p@cluster0.ab1cd.mongodb.net/app"
        $lines = Get-TfBackingService -Environment production | Get-TfRendered -Width 80
        ($lines | Where-Object { $_ -match '^DATABASE_URL +postgres +db-primary\.prod\.internal +5432 ' }) | Should -Not -BeNullOrEmpty
        ($lines | Where-Object { $_ -match '^MONGODB_URI +mongodb +cluster0\.ab1cd\.mongodb\.net ' }) | Should -Not -BeNullOrEmpty
    }

    It 'renders in 80 columns' {
        $lines = Get-TfBackingService -Environment production | Get-TfRendered -Width 80
        ($lines | Where-Object { $_.Length -gt 80 }) | Should -BeNullOrEmpty
        ($lines -join "`n") | Should -Match 'cache\.internal'
    }
}
