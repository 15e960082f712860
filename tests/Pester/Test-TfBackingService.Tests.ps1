BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TfTestManifest) -Force
}

Describe 'Test-TfBackingService' {
    BeforeEach {
        $app = New-TfScratchFolder
        Push-Location $app
        # A real listener on loopback, stopped by the test; and a port nothing listens on.
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $open = $listener.LocalEndpoint.Port
        $closed = & { $l = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0); $l.Start(); $p = $l.LocalEndpoint.Port; $l.Stop(); $p }
        Set-Content .env.staging "DATABASE_URL=postgres://app:pw@127.0.0.1:$open/shop"
        Set-Content .env.production "DATABASE_URL=postgres://app:pw@127.0.0.1:$closed/shop"
    }
    AfterEach {
        $listener.Stop()
        Pop-Location
        Remove-Item -Recurse -Force $app
    }

    It 'runs help example 1: a listening service succeeds' {
        $result = Invoke-TfHelpExample Test-TfBackingService 1
        $result.Status | Should -Be 'Succeeded'
    }

    It 'runs help example 2: a refused service throws in a script' {
        { Invoke-TfHelpExample Test-TfBackingService 2 } | Should -Throw 'a backing service is down'
    }

    It 'shows a slow test and a long-lived certificate within their columns' {
        $result = Get-TfBackingService -Environment staging | Test-TfBackingService
        # The same view, given a test that took two minutes against a certificate valid for thirty years.
        $long = [pscustomobject]@{ PSTypeName = 'TwelveFactor.BackingServiceTestResult'; Name = 'DATABASE_URL'; Kind = 'Postgres'
            Status = 'Succeeded'; Duration = [TimeSpan]::FromSeconds(120); CertificateDaysToExpiry = 10950; FailedStep = $null; Error = $null }
        $lines = @($result, $long) | Get-TfRendered -Width 80
        @($lines | Where-Object { $_ -match '^DATABASE_URL +Postgres +Succeeded +\d+\s*$' }) | Should -HaveCount 1
        ($lines | Where-Object { $_ -match '^DATABASE_URL .* 120000 10950\s*$' }) | Should -Not -BeNullOrEmpty
    }

    It 'takes -Timeout in seconds' {
        (Get-Command Test-TfBackingService).Parameters['Timeout'].Attributes.TypeId.Name | Should -Contain 'SecondsAttribute'
        $result = Get-TfBackingService -Environment staging | Test-TfBackingService -Timeout 3
        $result.Status | Should -Be 'Succeeded'
    }
}
