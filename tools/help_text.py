"""Help text for tools/generate-help.py: synopsis, description, examples, notes per cmdlet.

Parameter descriptions come from the C# `/// <summary>` comments; an entry in "parameters" here replaces one
where help needs more than a summary line.
"""

LAYERS = """Without -Path, the cmdlets read the app's env files in the current location, lowest layer first: .env (shared defaults), .env.local (machine-local, not committed), .env.<environment>, .env.<environment>.local. A later layer wins over an earlier one. The environment is -Environment, else $env:TF_ENVIRONMENT, else none (only .env and .env.local).

By default a variable already set in the process environment wins over every file, as in docker compose, Node dotenv and dotenvx; -Precedence Files lets the files win (as foreman and dotenv's override option do), and -Precedence FilesOnly ignores the process environment. The Source property always shows which layer won, and Overrides the layers it shadows."""

GRAMMAR = """Files are read with docker compose's env-file grammar: an optional 'export ' prefix, '=' or ':' between key and value, # comments (inside an unquoted value only after whitespace), single quotes taken literally, double quotes with escapes (\\n, \\t, \\", \\\\, \\$), values spanning lines inside quotes, and interpolation of $VAR, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}, ${VAR:+replacement}, ${VAR+replacement} and $$. A file with an unterminated quote, a key with a space or a failed ${VAR:?error} is an error naming file, line and column, and nothing is loaded from that file."""

SECRETS = """A key is secret when its file marks it (a '# tf:secret' comment line directly above it, which Set-TfConfig -Secret writes), when its name says so (PASSWORD, SECRET, TOKEN, CREDENTIAL, PRIVATE, API_KEY, names ending in _KEY, ...), or when its value is a URL with a password. Secret values are shown as ******** (a URL keeps everything but its password) in output, verbose messages, warnings and errors, unless -AsPlainText is given."""

HELP = {
    "Get-TfConfig": {
        "synopsis": "Gets the resolved config of an environment from its env files, one object per key, secrets masked.",
        "description": "Get-TfConfig merges the app's env files and the process environment into one value per key and emits a TwelveFactor.ConfigEntry for each: Name, Value, IsSecret, Environment, Source (file:line, or $env:NAME) and Overrides (the lower layers the value shadows).\n\n" + LAYERS + "\n\n" + GRAMMAR + "\n\n" + SECRETS + "\n\nEach entry also carries the real value as a SecureString (SecureValue), so piping into Set-TfConfig or Export-TfConfig copies secrets without showing them.",
        "parameters": {},
        "inputs": [("None", "This cmdlet takes no pipeline input.")],
        "outputs": {"TwelveFactor.ConfigEntry": "One per key, in the order keys were first defined.", "System.Collections.Specialized.OrderedDictionary": "With -AsHashtable: name to value."},
        "examples": [
            ("Show production's config", "Get-TfConfig -Environment production", "Lists every key of .env, .env.local, .env.production and .env.production.local, with the winning source of each. Secret values show as ********."),
            ("One value, in plain text, in a script", "$url = (Get-TfConfig -Name DATABASE_URL -Environment staging -AsPlainText).Value", "Reads one value for use in a script. -AsPlainText is the explicit request that shows a secret."),
            ("A hashtable for splatting or templating", "$config = Get-TfConfig -Environment production -AsHashtable -AsPlainText\n$config['PORT']", "Returns an ordered dictionary of name to value."),
            ("Exactly the files you name", "Get-TfConfig -Path ./base.env, ./override.env -Precedence FilesOnly", "Reads only those files, later ones winning, and ignores the process environment."),
        ],
        "notes": "The default environment comes from $env:TF_ENVIRONMENT. Tab completion offers the environments found as .env.<name> files in the current location, and the keys of the chosen environment.",
        "links": ["Set-TfConfig", "Test-TfConfig", "Export-TfConfig", "about_TwelveFactor"],
    },
    "Set-TfConfig": {
        "synopsis": "Sets a config value in an env file, in place, keeping every other byte of the file.",
        "description": "Set-TfConfig writes one key into the environment's own file (.env.<environment>, or .env without an environment) or the file given by -Path, creating the file if needed. The edit is lossless: comments, blank lines, order, quoting, CRLF or LF line endings, a byte-order mark and the presence or absence of a final newline all stay as they were; only the value of the key changes (its last occurrence, the one readers use), or a new line is appended.\n\nThe value is written in the safest form that every common reader reads the same: unquoted when it is plain, in single quotes when it has spaces or special characters, in double quotes with escapes otherwise. The written file is parsed back before it replaces the old one, so the value always reads back exactly.\n\nWrites are atomic (a temporary file in the same folder, flushed, then renamed over the original, keeping its permissions), and a cross-process lock means two processes setting keys in the same file at once lose no update. New files are created readable only by their owner.\n\nSet-TfConfig takes pipeline input by property name, so the output of Get-TfConfig can be piped in to copy config between environments; secret values travel as SecureStrings and are never shown.",
        "parameters": {},
        "inputs": [("TwelveFactor.ConfigEntry", "Entries from Get-TfConfig: Name, SecureValue (or Value), IsSecret and Environment bind by property name.")],
        "outputs": {"TwelveFactor.ConfigEntry": "With -PassThru, the entry as written (masked when secret)."},
        "examples": [
            ("Set a value for one environment", "Set-TfConfig -Name DATABASE_URL -Value 'postgres://app@db.internal/app' -Environment production", "Writes DATABASE_URL into .env.production in the current location."),
            ("Store a secret without typing it on the command line", "Set-TfConfig -Name STRIPE_KEY -Value (Read-Host -AsSecureString) -Environment production", "A SecureString value is marked secret in the file ('# tf:secret') and is never shown."),
            ("Copy staging's config to production, checking first", "Get-TfConfig -Environment staging -Precedence FilesOnly | Set-TfConfig -Environment production -WhatIf\nGet-TfConfig -Environment staging -Precedence FilesOnly | Set-TfConfig -Environment production", "-WhatIf lists each key that would be set. The second line copies the values, secrets included, into .env.production."),
        ],
        "notes": "Keys start with a letter or '_' and contain letters, digits, '_', '.' or '-'. Set-TfConfig never rewrites a file it cannot parse: fix the reported line first (Test-TfConfig lists problems).",
        "links": ["Get-TfConfig", "Remove-TfConfig", "about_TwelveFactor"],
    },
    "Remove-TfConfig": {
        "synopsis": "Removes keys from an env file, in place, keeping every other byte of the file.",
        "description": "Remove-TfConfig deletes every line of each matching key (including multi-line values and the key's '# tf:secret' marking) from the environment's own file (.env.<environment>, or .env) or the file given by -Path. Nothing else in the file changes. The write is atomic and locked against concurrent edits.\n\nA key that is not in the file is an error (ConfigKeyNotFound) unless the name is a wildcard pattern; the key may be set in another layer, which Get-TfConfig -Name shows.",
        "parameters": {},
        "inputs": [("TwelveFactor.ConfigEntry", "Entries from Get-TfConfig: Name and Environment bind by property name.")],
        "outputs": {"None": "Remove-TfConfig writes nothing to the pipeline."},
        "examples": [
            ("Remove one key from production", "Remove-TfConfig -Name LEGACY_FLAG -Environment production", "Deletes LEGACY_FLAG from .env.production."),
            ("Remove by pattern, checking first", "Remove-TfConfig -Name OLD_* -WhatIf", "Lists the keys of .env that would be removed."),
        ],
        "links": ["Set-TfConfig", "Get-TfConfig"],
    },
    "Test-TfConfig": {
        "synopsis": "Checks env files for mistakes, missing keys and values other tools would read differently.",
        "description": "Test-TfConfig reads each layer file of an environment (or the files given by -Path) and reports findings as TwelveFactor.ConfigFinding objects (Rule, Severity, Key, Source, Message); it never shows a value.\n\nIt checks what dotenv-linter checks (DuplicatedKey, LowercaseKey, SpaceCharacter, LeadingCharacter, ValueWithoutQuotes, QuoteCharacter, UnorderedKey, TrailingWhitespace, EndingBlankLine, ExtraBlankLine, KeyWithoutValue, SubstitutionKey), syntax errors, failed substitutions, keys required by .env.example or by a schema but missing (MissingKey), values that do not fit the schema's type or pattern, and Portability: values that docker compose, docker run --env-file and Node dotenv read differently (a # inside an unquoted value, quotes, escapes, $ expansion).\n\nA schema is YAML (or JSON): a top-level 'keys' mapping of key name to rules: required (default true), type (string, integer, number, boolean, url, port), pattern (a regular expression), secret, environmentSpecific, environments (a list: required only there).",
        "parameters": {},
        "inputs": [("None", "This cmdlet takes no pipeline input.")],
        "outputs": {"TwelveFactor.ConfigFinding": "One per problem found."},
        "examples": [
            ("Check production's files", "Test-TfConfig -Environment production", "Lints .env, .env.local, .env.production and .env.production.local, and reports keys of .env.example that production lacks."),
            ("Fail a pipeline step on errors", "$errors = Test-TfConfig -Environment production -Schema ./config.schema.yaml | Where-Object Severity -eq 'Error'\nif ($errors) { $errors; throw 'config check failed' }", "Checks against a schema and stops the step when any finding is an error."),
        ],
        "links": ["Get-TfConfig", "about_TwelveFactor"],
    },
    "Import-TfConfig": {
        "synopsis": "Sets the resolved config of an environment into the current process environment.",
        "description": "Import-TfConfig resolves the config as Get-TfConfig does and sets each value as an environment variable of the current process, where child processes started afterwards inherit it. Keys whose winning value already comes from the process environment are left alone (with -Precedence Files the files win and overwrite them).\n\n" + LAYERS,
        "parameters": {},
        "inputs": [("None", "This cmdlet takes no pipeline input.")],
        "outputs": {"TwelveFactor.ConfigEntry": "With -PassThru, one entry (masked when secret) per variable set."},
        "examples": [
            ("Load staging's config into this session", "Import-TfConfig -Environment staging -PassThru", "Sets every staging key as an environment variable and lists what was set."),
            ("See what would change first", "Import-TfConfig -Environment production -Precedence Files -WhatIf", "Lists each variable that would be set, without setting it."),
        ],
        "links": ["Get-TfConfig", "Export-TfConfig"],
    },
    "Export-TfConfig": {
        "synopsis": "Writes config in a format another tool reads: dotenv, JSON, YAML, Azure DevOps, GitHub Actions or docker --env-file.",
        "description": "Export-TfConfig takes the resolved config of an environment (or the entries piped in from Get-TfConfig) and writes it in one of these formats:\n\nDotenv: an env file in the safest quoting, secrets marked with '# tf:secret'. Json: an object of name to value. Yaml: a mapping, strings quoted where YAML would read them as another type. DockerEnvFile: raw NAME=value lines as docker run --env-file reads them (no quotes, so multi-line values cannot be written and are reported as errors). AzureDevOps: '##vso[task.setvariable variable=NAME;issecret=true]value' logging commands escaped exactly as the agent decodes them (% first, then ;, CR, LF and ]); a multi-line secret is refused, because the agent would fail the task and log it unmasked. GitHubActions: the $GITHUB_ENV file format, appended to $env:GITHUB_ENV (or -Path), with a random heredoc delimiter for multi-line values, and '::add-mask::' commands on the output for every secret (line by line).\n\nWith -Path the document goes to that file (atomically; a new file is readable only by its owner) with real values. Without -Path the text goes to the pipeline with secrets masked, unless -AsPlainText is given; Azure DevOps commands carry real values, marked issecret so the agent masks them, and are therefore printed only inside an Azure Pipelines step ($env:TF_BUILD set) or with -AsPlainText; GitHubActions likewise needs $env:GITHUB_ENV, -Path or -AsPlainText when any value is secret (ExportDestinationMissing otherwise).",
        "parameters": {},
        "inputs": [("TwelveFactor.ConfigEntry", "Entries from Get-TfConfig, exported instead of an environment's config.")],
        "outputs": {"System.String": "The document, or one line per agent command (AzureDevOps, and GitHubActions' ::add-mask:: lines)."},
        "examples": [
            ("Hand config to later steps of an Azure DevOps pipeline", "Export-TfConfig -Format AzureDevOps -Environment production", "Each line sets a pipeline variable; secrets are set with issecret=true."),
            ("Hand config to later steps of a GitHub Actions job", "Export-TfConfig -Format GitHubActions -Environment production", "Appends to $env:GITHUB_ENV and writes ::add-mask:: lines for secrets."),
            ("An env file for docker run", "Export-TfConfig -Format DockerEnvFile -Environment staging -Path ./staging.env\ndocker run --env-file ./staging.env myapp", "Writes raw NAME=value lines that docker reads exactly."),
            ("Export a subset as JSON", "Get-TfConfig -Name 'FEATURE_*' -Environment production | Export-TfConfig -Format Json", "Exports only the piped entries."),
        ],
        "links": ["Get-TfConfig", "Import-TfConfig"],
    },
    "Get-TfBackingService": {
        "synopsis": "Finds the config values that locate backing services: databases, caches, queues, mail servers, HTTP APIs.",
        "description": "Get-TfBackingService reads an environment's config files (files only: the process environment is not consulted, so the result describes the environment, not your shell) and emits a TwelveFactor.BackingService for every value that is a backing-service locator: URLs such as postgres://, mysql://, redis://, rediss://, amqp://, mongodb://, sqlite:, smtp://, https://, and connection strings such as Server=...;Database=... Each object has Name (the key), Kind, Host, Port, Database, User, Tls, Environment, Source (file:line) and Url with the password masked.\n\nA value that looks like a locator but does not parse is an error (BackingServiceLocatorInvalid) that names the key and its file and line, never the value.",
        "inputs": [("System.String", "Environment, by property name.")],
        "outputs": {"TwelveFactor.BackingService": "One per locator found."},
        "examples": [
            ("List production's backing services", "Get-TfBackingService -Environment production", "Shows each database, cache and queue production's config points at, passwords masked."),
            ("Check that they all answer", "Get-TfBackingService -Environment staging | Test-TfBackingService", "Pipes the services into the connectivity check."),
        ],
        "links": ["Test-TfBackingService", "Test-TfParity"],
    },
    "Test-TfBackingService": {
        "synopsis": "Checks that backing services answer: name resolution, TCP connect, TLS handshake and certificate expiry.",
        "description": "Test-TfBackingService takes the services found by Get-TfBackingService and checks each one within -Timeout: it resolves the host name, connects over TCP, and for schemes that use TLS performs the handshake and reports the certificate's expiry (a warning when it expires within -CertificateExpiryWarningDays). Each result is a TwelveFactor.BackingServiceTestResult with the status, the step that failed, the error, and every step with its duration. No password is needed or shown: the check stops before authentication.",
        "parameters": {"Timeout": "How long each service may take in all, across its steps, as a TimeSpan such as 00:00:05. Default 10 seconds."},
        "inputs": [("TwelveFactor.BackingService", "Services from Get-TfBackingService.")],
        "outputs": {"TwelveFactor.BackingServiceTestResult": "One per service.", "System.Boolean": "With -Quiet: $true when every service answered."},
        "examples": [
            ("Check staging's services", "Get-TfBackingService -Environment staging | Test-TfBackingService", "Lists each service with its status and the time each step took."),
            ("Gate a deployment step", "if (-not (Get-TfBackingService -Environment production | Test-TfBackingService -Quiet -Timeout 00:00:05)) { throw 'a backing service is down' }", "Fails the step when any service does not answer within five seconds."),
        ],
        "links": ["Get-TfBackingService"],
    },
    "Test-TfParity": {
        "synopsis": "Compares environments for dev/prod parity without showing a secret: keys, backing services, images, secrets, value types.",
        "description": "Test-TfParity reads each environment's config files (not the process environment) and, when present, compose files (compose.yaml or docker-compose.yml plus compose.<environment>.yaml overrides; for development, dev and local without one of their own, compose.override.yaml, which a bare docker compose up merges), and emits a TwelveFactor.ParityFinding for each gap: MissingKey (set in one environment, missing in another; keys documented as environment-specific are skipped), BackingServiceKind (sqlite in one, postgres in another), LocalhostInNonLocal (localhost in an environment that should not have it), ImageVersion (a compose service's image differs), SecretReuse (the same secret value in two environments, compared by salted hash), ValueType (a number in one, text in another; booleans spelled differently), InvalidLocator.\n\nCompare one reference environment with others (-Reference production -Difference staging, dev) or every pair (-Environment dev, staging, production). Keys that may legitimately differ are marked '# tf:environment-specific' above them in .env.example, or environmentSpecific: true in a -Schema.\n\n-Strict makes each Error finding an error record and ends with a terminating error (ParityBroken) when any exists, so a pipeline step fails; -ErrorAction Stop stops at the first Error finding. When $env:TF_BUILD is set (Azure Pipelines), findings are also written as ##vso[task.logissue] lines so the run shows them. -Quiet returns only $true or $false.",
        "inputs": [("None", "This cmdlet takes no pipeline input.")],
        "outputs": {"TwelveFactor.ParityFinding": "One per gap found.", "System.Boolean": "With -Quiet: $true when no finding is an Error."},
        "examples": [
            ("Compare staging with production", "Test-TfParity -Reference production -Difference staging", "Lists keys, services, images and types that differ, without any value."),
            ("Fail an Azure DevOps step when parity breaks", "Test-TfParity -Environment development, staging, production -Strict", "Checks every pair; the step fails when any finding is an Error, and each finding shows on the run."),
            ("A yes/no answer for a script", "if (-not (Test-TfParity production staging -Quiet)) { 'staging has drifted' }", "Returns $false when any finding is an Error."),
        ],
        "links": ["Get-TfBackingService", "Test-TfConfig"],
    },
    "Invoke-TfAdminTask": {
        "synopsis": "Runs a one-off admin process (migration, data fix, console) with a release's files and config, or an environment's config.",
        "description": "Invoke-TfAdminTask is heroku run for any machine. It starts one process with the config of a release (its snapshot, secrets included) or of an environment's env files as its environment, built for the child only: the shell's own environment is never changed, and the child inherits only machine basics (PATH, HOME, USER, LANG, TZ, proxies) from it, so a developer's own DATABASE_URL never reaches a release's task. -Set overrides single values for this run. With -Release the release's files are laid out in the user's cache (once per release, as copies, so a task that writes into them cannot change the stored release) and the task runs there.\n\nOutput streams live: each line the task writes to stdout reaches the pipeline as it is written, and standard input is at end of file, so a task that prompts fails at once instead of hanging a pipeline step. For consoles and shells, -Interactive attaches the task to this terminal instead (keyboard, screen and Ctrl+C are the task's; nothing enters the pipeline). Lines on stderr become error records (AdminTaskStandardError) that do not fail anything by themselves; under -ErrorAction Stop they go to the information stream instead (shown on the console), because the exit code, not stderr, decides, as in pwsh for native commands. $LASTEXITCODE is set. A non-zero exit code is an error record (AdminTaskFailed) naming the command and the code, so -ErrorAction Stop fails a script or pipeline step; -PassThru adds a TwelveFactor.AdminTaskResult.\n\nOn -Timeout or Ctrl+C the whole process tree gets a graceful stop (SIGTERM to its process group on Linux and macOS; on Windows Ctrl+Break to a console process group of the task's own, on PowerShell 7.6 and later, else a close request to its window), then is killed after -ShutdownTimeout; no process is left behind (on Windows a job object holds everything the task starts). When $env:TF_BUILD is set (Azure Pipelines), ##vso[ in the task's output is neutralised to **vso[ so a task cannot inject logging commands.\n\nEvery run is appended to the audit trail in the release store (Get-TfAdminTask; with an Azure store every agent shares it): who, when, release, environment, command, exit code, duration; never a value. Environments named like production (prod*, production, live; set $env:TF_PRODUCTION_ENVIRONMENTS to a comma-separated list of wildcards to change the rule) ask for confirmation; -Force skips it in automation.\n\nWith -Container the task runs in a Docker container (the release's image digest, or -Image), with the config as the container's environment, the same streaming, exit code, timeout and graceful stop (docker stop semantics), and the container removed afterwards. DOCKER_HOST selects the engine.",
        "parameters": {"Timeout": "Stop the task after this long: a graceful stop first, then a kill after -ShutdownTimeout. A TimeSpan such as 00:05:00."},
        "inputs": [("TwelveFactor.Release", "A release from Get-TfRelease: Id, App and Environment bind by property name.")],
        "outputs": {"System.String": "Each line the task writes to stdout, as it is written.", "TwelveFactor.AdminTaskResult": "With -PassThru, after the output: Release, Command, ExitCode, StartedAt, Duration, TimedOut."},
        "examples": [
            ("Open a shell in a release, like heroku run bash", "Get-TfRelease -Latest -Environment staging | Invoke-TfAdminTask bash -Interactive", "Attaches bash to this terminal with the release's files and config; Ctrl+C goes to bash. Type exit to come back; the exit code is $LASTEXITCODE."),
            ("Migrate with the latest release", "Get-TfRelease -Latest -Environment production | Invoke-TfAdminTask dotnet -ArgumentList app.dll, migrate -Force -ErrorAction Stop", "Runs the migration with the release's files and config; a failure stops the script."),
            ("A quick check with staging's config", "Invoke-TfAdminTask ./scripts/check-db.sh -Environment staging -Set @{ LOG_LEVEL = 'debug' } -Timeout 00:02:00", "Runs a script with staging's env files as its environment, one value overridden."),
            ("In a container", "Invoke-TfAdminTask sh -ArgumentList '-c', 'echo $DATABASE_URL | cut -d@ -f2' -Container -Image myapp:1.4 -Environment staging", "Runs the command in a throwaway container of the image with staging's config."),
        ],
        "links": ["Get-TfAdminTask", "Get-TfRelease"],
    },
    "Get-TfAdminTask": {
        "synopsis": "Lists the audit trail of admin tasks: who ran what, where, when, and how it ended.",
        "description": "Get-TfAdminTask reads the append-only audit trail that Invoke-TfAdminTask keeps in the release store (a file beside a local store's releases; an append blob in an Azure Blob Storage store, shared by every agent that uses it) and emits one TwelveFactor.AdminTaskRecord per run, newest first: StartedAt, User, Host, Release, Environment, Command (secret values masked), Image, ExitCode, Duration, TimedOut, and the names of keys overridden with -Set. It never holds a config value.",
        "inputs": [("TwelveFactor.Release", "Release (Id) binds by property name.")],
        "outputs": {"TwelveFactor.AdminTaskRecord": "One per run, newest first."},
        "examples": [
            ("The last ten tasks", "Get-TfAdminTask -Last 10", "Lists who ran what recently."),
            ("Tasks run with one release", "Get-TfRelease -Id v12 | Get-TfAdminTask", "Lists the tasks run with release v12."),
        ],
        "links": ["Invoke-TfAdminTask"],
    },
}

RELEASE_COMMON = """Which app: -App, else $env:TF_APP, else the current folder's name. Which store: -Store, else $env:TF_RELEASE_STORE (a folder path, a file:// URL, azureblob://<container>[/<prefix>] with $env:AZURE_STORAGE_CONNECTION_STRING, or an https://<account>.blob.core.windows.net/<container> URL), else the local default store: $XDG_DATA_HOME/twelvefactor/releases, else ~/.local/share/twelvefactor/releases on Linux and macOS and %LOCALAPPDATA%\\twelvefactor\\releases on Windows. Secret values in config snapshots are kept in owner-only files in a local store, and encrypted with AES-256-GCM when $env:TF_RELEASE_KEY holds a base64 32-byte key (required for shared stores)."""

RELEASE_HELP = {
    "New-TfRelease": {
        "synopsis": "Creates an immutable release: a build (folder, archive or container image) plus the config of one environment, under the app's next id.",
        "description": "New-TfRelease stores a build and a snapshot of an environment's config as a release with the next id of the app (v1, v2, ... like Heroku) and emits a TwelveFactor.Release: Id, App, Environment, CreatedAt, BuildDigest, ConfigDigest, Commit, FileCount, Size, Description, CreatedBy, Image, ImageDigest.\n\nThe build is a folder, or a .zip, .tar, .tar.gz or .tgz archive (-Path or -LiteralPath), or a container image (-Image): name@sha256:... is recorded as it is; name:tag is resolved to a digest by the Docker engine that $env:DOCKER_HOST names (else the platform's default socket). The digest is the registry digest the engine has for that repository, else the image ID; the engine never pulls. Files are stored once by SHA-256, so a release that changes one file of a large build stores one file's worth. An archive entry that would land outside the build (../x, an absolute path, a link out of the tree) is refused (ArchiveEntryEscapes) and the store is unchanged.\n\nThe config snapshot is the resolved config of -Environment (default $env:TF_ENVIRONMENT) from the env files in the current location: .env, .env.local, .env.<environment>, .env.<environment>.local, files only (your shell's own variables are not taken). A file with an error stops the release. Secrets are kept as the config cmdlets classify them and are never shown.\n\nThe commit is HEAD of -SourcePath, with -dirty when the work tree has changes. Without -SourcePath the current location is used when it is inside a git work tree (a warning, not an error, when its commit cannot be read); elsewhere no commit is recorded.\n\nA release appears whole or not at all: an interrupted New-TfRelease leaves no half release and no gap in the ids, and two at once get two different ids.\n\n" + RELEASE_COMMON,
        "inputs": [("System.String", "LiteralPath (also as PSPath, from Get-Item), Environment and App, by property name.")],
        "outputs": {"TwelveFactor.Release": "The new release."},
        "examples": [
            ("Release a build folder with staging's config", "New-TfRelease -Path ./publish -Environment staging -Description 'fix checkout'", "Stores the files of ./publish and the resolved config of .env.staging (over .env) as the next release."),
            ("Release and deploy in one pipeline", "New-TfRelease -Path ./build.tar.gz -Environment production | Publish-TfRelease -Destination /srv/shop", "Creates the release from an archive and publishes it: /srv/shop/current then points at /srv/shop/releases/<id>."),
            ("A container release", "New-TfRelease -Image registry.example/shop:2.4.1 -Environment production", "Resolves the tag to its digest through the Docker engine and records the image with production's config; admin tasks with -Container run exactly that image."),
        ],
        "notes": "The store must not be inside the build, nor the build inside the store (BuildPathInsideStore). Error ids: BuildPathNotFound, BuildPathEmpty, BuildPathUnreadable, BuildPathUnsupported, BuildPathInsideStore, ArchiveEntryEscapes, ArchiveEntryUnsupported, BuildChangedDuringRelease, SourcePathNotRepository, ImageReferenceInvalid, DockerEngineUnreachable, DockerImageNotFound, EncryptionKeyRequired, StoreUnavailable, StoreLocationInvalid, and the config file errors (ConfigFileSyntax, ...).",
        "links": ["Get-TfRelease", "Publish-TfRelease", "Compare-TfRelease", "Get-TfConfig", "about_TwelveFactor"],
    },
    "Get-TfRelease": {
        "synopsis": "Lists an app's releases newest first, the newest one, or the ones currently published.",
        "description": "Get-TfRelease emits the app's releases as TwelveFactor.Release objects, newest first. -Id picks releases by id (wildcards allowed; an id that does not exist is a ReleaseNotFound error). -Environment keeps those made with that environment's config (it has no default: all environments are listed). -Latest returns only the newest. -Current returns the releases that Publish-TfRelease last switched a destination's current to, one object per release however many destinations show it, most recently published first; -Verbose names the destinations.\n\nEach release's manifest is checked against its digests as it is read; a manifest changed in the store is a StoreVerificationFailed error. Test-TfRelease also re-hashes every stored file.\n\n" + RELEASE_COMMON,
        "inputs": [("System.String", "Id and App, by property name.")],
        "outputs": {"TwelveFactor.Release": "One per release."},
        "examples": [
            ("List the releases", "Get-TfRelease -App shop", "Shows every release of shop, newest first, with its environment, size and commit."),
            ("Deploy the newest production release", "Get-TfRelease -Latest -Environment production | Publish-TfRelease -Destination /srv/shop", "Publishes the newest release made with production's config."),
            ("What is live?", "Get-TfRelease -Current -Verbose", "Shows the published releases and, in the verbose stream, where each is published."),
        ],
        "links": ["New-TfRelease", "Publish-TfRelease", "Test-TfRelease"],
    },
    "Compare-TfRelease": {
        "synopsis": "Shows what changed between two releases: files and config keys added, removed or changed; secrets compared by hash, never shown.",
        "description": "Compare-TfRelease emits a TwelveFactor.ReleaseDifference for each file and config key that differs from -ReferenceId to -DifferenceId: Category (File or Config), Name (the file's path or the key), Change (Added, Removed or Changed), Reference and Difference. For a file these show a short content digest, the size and the Unix mode (or '-> target' for a symlink); for a config key the value, or ******** for a secret, whose values are compared by salted hash. Nothing is emitted when the releases are the same; -Verbose says so.\n\n" + RELEASE_COMMON,
        "inputs": [("TwelveFactor.Release", "A release's Id binds to -DifferenceId by property name.")],
        "outputs": {"TwelveFactor.ReleaseDifference": "One per file or config key that differs."},
        "examples": [
            ("What changed from v3 to v5", "Compare-TfRelease -ReferenceId v3 -DifferenceId v5", "Lists changed files first, then config keys; secrets show as ********."),
            ("Only the config", "Compare-TfRelease v3 v5 | Where-Object Category -eq Config", "Shows the config keys that were added, removed or changed."),
            ("Compare the newest with what is live", "Get-TfRelease -Latest | Compare-TfRelease -ReferenceId (Get-TfRelease -Current).Id", "Shows what publishing the newest release would change."),
        ],
        "links": ["Get-TfRelease", "New-TfRelease"],
    },
    "Test-TfRelease": {
        "synopsis": "Verifies releases and the store: every stored file's hash, every manifest and config snapshot.",
        "description": "Test-TfRelease re-reads every stored file that the release (-Id) or, without -Id, every release of the app refers to, and checks its SHA-256 and size; it also checks each manifest against its digest, its file list against the build digest, and the config snapshot (secret hashes included) against the config digest. Any change to any byte is found.\n\nIt emits one TwelveFactor.ReleaseVerification (App, ReleaseIds, BlobsChecked, BytesChecked, IsValid, Findings) and writes a non-terminating error StoreVerificationFailed (category InvalidData) for each error finding, so -ErrorAction Stop fails a script or pipeline step. Encrypted secrets that cannot be checked without $env:TF_RELEASE_KEY are a warning. -Quiet returns only $true or $false and writes no error records.\n\n" + RELEASE_COMMON,
        "inputs": [("TwelveFactor.Release", "Id and App, by property name.")],
        "outputs": {"TwelveFactor.ReleaseVerification": "What was checked and found.", "System.Boolean": "With -Quiet: $true when no finding is an error."},
        "examples": [
            ("Check every release of the app", "Test-TfRelease -App shop", "Re-hashes every stored file of every release and reports any damage."),
            ("Check one release before deploying it", "Get-TfRelease -Id v12 | Test-TfRelease -ErrorAction Stop | Out-Null\nPublish-TfRelease -Id v12 -Destination /srv/shop", "Stops before publishing when v12 or its files were changed in the store."),
            ("A yes/no answer", "if (-not (Test-TfRelease -Quiet)) { 'the release store is damaged' }", "Returns $false when any finding is an error."),
        ],
        "links": ["Get-TfRelease", "Remove-TfRelease"],
    },
    "Publish-TfRelease": {
        "synopsis": "Lays a release out in a deploy folder and switches its 'current' to it atomically.",
        "description": "Publish-TfRelease lays the release out as <Destination>/releases/<id>/ (hard links to the store where the file system allows, copies otherwise), writes the release's config there as .env (owner-only; secrets decrypted with $env:TF_RELEASE_KEY when they are encrypted), and then switches <Destination>/current to it in one atomic step: a symlink renamed over the old one on Linux and macOS, a junction retargeted in place on Windows (no symlink privilege needed). A running app that reads current sees the old or the new release, never a mix. Publishing a release that is already laid out only switches current.\n\nThe store remembers where each release is published: Get-TfRelease -Current shows it, and Remove-TfRelease never removes a published release. The output is a TwelveFactor.ReleasePublication: App, Id, Destination, ReleasePath, CurrentPath, PreviousId (what current pointed to before), FilesLinked, FilesCopied, BytesCopied, PublishedAt.\n\nA current that exists and is not a link is not replaced (DestinationNotSwitchable); a deploy folder that cannot be created or written is ReleasePublishFailed; an unknown id is ReleaseNotFound.\n\n" + RELEASE_COMMON,
        "inputs": [("TwelveFactor.Release", "A release from New-TfRelease, Get-TfRelease or Restore-TfRelease."), ("System.String", "Id and App, by property name.")],
        "outputs": {"TwelveFactor.ReleasePublication": "Where the release was published and what it replaced."},
        "examples": [
            ("Publish the newest release", "Get-TfRelease -Latest | Publish-TfRelease -Destination /srv/shop", "Lays it out under /srv/shop/releases/ and points /srv/shop/current at it. A service runs from /srv/shop/current and reads /srv/shop/current/.env."),
            ("Publish a given release, checking first", "Publish-TfRelease -Id v7 -Destination D:\\sites\\shop -WhatIf", "Says what would be published and switched, and changes nothing."),
            ("Publish copies for an app that writes into its folder", "Get-TfRelease -Latest | Publish-TfRelease -Destination /srv/legacy -Copy", "Every file is a copy, so nothing written into /srv/legacy/current can change the stored release."),
        ],
        "links": ["New-TfRelease", "Restore-TfRelease", "Get-TfRelease"],
    },
    "Restore-TfRelease": {
        "synopsis": "Rolls back the Heroku way: a new release with an old release's build and config, published when -Destination is given.",
        "description": "Restore-TfRelease creates a new release (the next id, say v8) with exactly the build and config snapshot of -Id (say v3): the same BuildDigest and ConfigDigest, RestoredFrom set to v3, and a description naming it unless -Description is given. History stays append-only: v4 to v7 remain. Rolling back brings back v3's config too, not today's. With -Destination the new release is published there, as Publish-TfRelease does. The output is the new TwelveFactor.Release.\n\n" + RELEASE_COMMON,
        "inputs": [("System.String", "Id and App, by property name (a TwelveFactor.Release from Get-TfRelease).")],
        "outputs": {"TwelveFactor.Release": "The new release."},
        "examples": [
            ("Roll back to v3 and deploy it", "Restore-TfRelease -Id v3 -Destination /srv/shop", "Creates the next release from v3 and switches /srv/shop/current to it."),
            ("Roll back to the release before the current one", "$live = (Get-TfRelease -Current).Id\n$previous = Get-TfRelease | Where-Object { [int]$_.Id.Substring(1) -lt [int]$live.Substring(1) } | Select-Object -First 1\nRestore-TfRelease -Id $previous.Id -Destination /srv/shop", "Finds the release before the live one and restores it."),
        ],
        "links": ["Publish-TfRelease", "Get-TfRelease"],
    },
    "Remove-TfRelease": {
        "synopsis": "Removes old releases, never a published one or the newest, and frees the storage nothing refers to any more.",
        "description": "Remove-TfRelease -KeepLast <n> removes all but the n newest releases of the app; -Id removes the releases named. A release published at a destination is never removed (with -KeepLast it is kept and named in the verbose stream; with -Id it is a ReleaseInUse error and nothing is removed), nor is the newest release, so an id is never given twice. Afterwards the stored files that no release of any app refers to are deleted, together with temporary files of interrupted writers.\n\nConfirmImpact is High: PowerShell asks before each release unless -Confirm:$false is given; -WhatIf lists what would be removed and changes nothing. -PassThru emits a TwelveFactor.ReleaseRemoval: Removed, KeptPublished, Skipped, BlobsRemoved, BytesFreed.\n\n" + RELEASE_COMMON,
        "inputs": [("System.String", "Id and App, by property name.")],
        "outputs": {"TwelveFactor.ReleaseRemoval": "With -PassThru: what was removed and freed."},
        "examples": [
            ("See what pruning would remove", "Remove-TfRelease -KeepLast 5 -WhatIf", "Lists the releases older than the five newest that are not published."),
            ("Prune in a scheduled job", "Remove-TfRelease -App shop -KeepLast 10 -Confirm:$false -PassThru", "Keeps the ten newest and every published release, and reports the storage freed."),
            ("Remove two releases", "Remove-TfRelease -Id v1, v2 -Confirm:$false", "Removes v1 and v2 unless either is published or the newest."),
        ],
        "links": ["Get-TfRelease", "Test-TfRelease"],
    },
}
HELP.update(RELEASE_HELP)
