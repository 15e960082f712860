BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TfTestManifest) -Force
}

Describe 'New-TfRelease' {
    BeforeEach { $app = New-TfReleaseFixture }
    AfterEach { Remove-TfReleaseFixture $app }

    It 'runs help example 1: a release of a build folder' {
        $release = Invoke-TfHelpExample New-TfRelease 1
        $release.Id | Should -Be 'v1'
        $release.Environment | Should -Be 'staging'
        $release.Description | Should -Be 'fix checkout'
        $release.FileCount | Should -Be 2
    }

    It 'runs help example 2: an archive released and published in one pipe' -Skip:$IsWindows {
        tar -czf build.tar.gz -C publish .
        $publication = Invoke-TfHelpExample New-TfRelease 2 -Root $app
        $publication.Id | Should -Be 'v1'
        Get-Content (Join-Path $app 'srv/shop/current/app.txt') | Should -Be 'one'
    }

    It 'runs help example 3 against a real Docker engine' -Skip:(-not $env:TF_TEST_DOCKER_HOST) {
        # The test engine (tests/docker-engine.sh, started by .ci/run) has only the local test image: the example's
        # registry image is not there, and the error says so; the local image resolves to a digest.
        $env:DOCKER_HOST = $env:TF_TEST_DOCKER_HOST
        try {
            { Invoke-TfHelpExample New-TfRelease 3 -ErrorAction Stop } | Should -Throw -ErrorId 'DockerImageNotFound,TwelveFactor.Commands.NewTfReleaseCommand'
            $release = New-TfRelease -Image $env:TF_TEST_DOCKER_IMAGE -Environment production
            $release.ImageDigest | Should -Match '^sha256:[0-9a-f]{64}$'
        }
        finally {
            Remove-Item Env:DOCKER_HOST
        }
    }

    It 'drops setuid and setgid bits from a build file' -Skip:$IsWindows {
        Set-Content -Path publish/tool -Value '#!/bin/sh'
        chmod 6755 publish/tool
        New-TfRelease ./publish -Environment staging | Publish-TfRelease -Destination ./deploy | Out-Null
        stat -c '%a' ./deploy/current/tool | Should -Be '755'
    }

    It 'refuses a link chain that climbs out of the build, storing nothing' -Skip:$IsWindows {
        New-Item -ItemType SymbolicLink -Path publish/q -Target . | Out-Null
        New-Item -ItemType SymbolicLink -Path publish/up -Target q/.. | Out-Null
        { New-TfRelease ./publish -Environment staging -ErrorAction Stop } | Should -Throw -ErrorId 'ArchiveEntryEscapes,TwelveFactor.Commands.NewTfReleaseCommand'
        Get-TfRelease | Should -BeNullOrEmpty
    }

    It 'stops an archive at a configured cap with a message that names the setting' {
        Compress-Archive -Path publish/* -DestinationPath ./build.zip
        $env:TF_ARCHIVE_MAX_ENTRIES = '1'
        try {
            New-TfRelease ./build.zip -Environment staging -ErrorVariable failed -ErrorAction SilentlyContinue
            $? | Should -BeFalse
            $failed[0].FullyQualifiedErrorId | Should -Be 'ArchiveLimitExceeded,TwelveFactor.Commands.NewTfReleaseCommand'
            $failed[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
            $failed[0].Exception.Message | Should -Match 'TF_ARCHIVE_MAX_ENTRIES'
        }
        finally {
            Remove-Item Env:TF_ARCHIVE_MAX_ENTRIES
        }
    }

    It 'tells a script what to do when the build is missing' {
        $step = Invoke-TfChildPwsh -Script 'New-TfRelease ./no-such-build -Environment staging -ErrorAction Stop; "not reached"' -Environment @{ TF_RELEASE_STORE = "$app/store"; TF_APP = 'shop' }
        $step.ExitCode | Should -Be 1
        $step.StdOut | Should -Not -Match 'not reached'
        $step.StdErr | Should -Match 'New-TfRelease:'
        $step.StdErr | Should -Match 'no-such-build'
    }

    It 'reads a relative -Store and TF_RELEASE_STORE from the current location, not the process''s directory' {
        # pwsh's Set-Location does not move the process's current directory: a path resolved against that one
        # put the store wherever pwsh was started.
        [Environment]::CurrentDirectory | Should -Not -Be $app
        New-TfRelease ./publish -Environment staging -Store ./here | Out-Null
        Test-Path (Join-Path $app 'here/apps/shop/releases/v1.json') | Should -BeTrue
        Test-Path (Join-Path ([Environment]::CurrentDirectory) 'here') | Should -BeFalse
        (Get-TfRelease -Store ./here).Id | Should -Be 'v1'
        Get-TfCompletion 'Get-TfRelease -Store ./here -Id ' | Should -Be 'v1'

        $env:TF_RELEASE_STORE = './there'
        New-TfRelease ./publish -Environment staging | Out-Null
        Test-Path (Join-Path $app 'there/apps/shop/releases/v1.json') | Should -BeTrue
        Test-Path (Join-Path ([Environment]::CurrentDirectory) 'there') | Should -BeFalse
    }

    It 'completes environment names from the env files' {
        Get-TfCompletion 'New-TfRelease ./publish -Environment prod' | Should -Be 'production'
    }
}
