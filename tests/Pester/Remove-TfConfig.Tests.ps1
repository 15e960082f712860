BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TfTestManifest) -Force
}

Describe 'Remove-TfConfig' {
    BeforeEach {
        $app = New-TfScratchFolder
        Push-Location $app
        Set-Content .env.production "# flags`nLEGACY_FLAG=1`nKEEP=2"
        Set-Content .env "OLD_A=1`nOLD_B=2`nNEW=3"
    }
    AfterEach {
        Pop-Location
        Remove-Item -Recurse -Force $app
    }

    It 'runs help example 1: removes one key, keeping every other line' {
        Invoke-TfHelpExample Remove-TfConfig 1
        Get-Content .env.production | Should -Be '# flags', 'KEEP=2'
    }

    It 'runs help example 2: -WhatIf removes nothing' {
        Invoke-TfHelpExample Remove-TfConfig 2
        Get-Content .env | Should -Be 'OLD_A=1', 'OLD_B=2', 'NEW=3'
    }

    It 'pins the error for a key that is not there' {
        { Remove-TfConfig -Name MISSING -ErrorAction Stop } | Should -Throw -ErrorId 'ConfigKeyNotFound,TwelveFactor.Commands.RemoveTfConfigCommand'
    }

    It 'completes key names' {
        Get-TfCompletion 'Remove-TfConfig -Name OLD' | Should -Be 'OLD_A', 'OLD_B'
    }
}
