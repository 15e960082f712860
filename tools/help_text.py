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
        "description": "Test-TfParity reads each environment's config files (not the process environment) and, when present, compose files (compose.yaml or docker-compose.yml plus compose.<environment>.yaml overrides), and emits a TwelveFactor.ParityFinding for each gap: MissingKey (set in one environment, missing in another; keys documented as environment-specific are skipped), BackingServiceKind (sqlite in one, postgres in another), LocalhostInNonLocal (localhost in an environment that should not have it), ImageVersion (a compose service's image differs), SecretReuse (the same secret value in two environments, compared by salted hash), ValueType (a number in one, text in another; booleans spelled differently), InvalidLocator.\n\nCompare one reference environment with others (-Reference production -Difference staging, dev) or every pair (-Environment dev, staging, production). Keys that may legitimately differ are marked '# tf:environment-specific' above them in .env.example, or environmentSpecific: true in a -Schema.\n\n-Strict makes each Error finding an error record and ends with a terminating error (ParityBroken) when any exists, so a pipeline step fails; -ErrorAction Stop stops at the first Error finding. When $env:TF_BUILD is set (Azure Pipelines), findings are also written as ##vso[task.logissue] lines so the run shows them. -Quiet returns only $true or $false.",
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
        "description": "Invoke-TfAdminTask is heroku run for any machine. It starts one process with the config of a release (its snapshot, secrets included) or of an environment's env files as its environment, built for the child only: the shell's own environment is never changed, and the child inherits only machine basics (PATH, HOME, USER, LANG, TZ, proxies) from it, so a developer's own DATABASE_URL never reaches a release's task. -Set overrides single values for this run. With -Release the release's files are laid out in the user's cache and the task runs there.\n\nOutput streams live: each line the task writes to stdout reaches the pipeline as it is written. Lines on stderr become error records (AdminTaskStandardError) that do not fail anything by themselves; under -ErrorAction Stop they go to the information stream instead (shown on the console), because the exit code, not stderr, decides, as in pwsh for native commands. $LASTEXITCODE is set. A non-zero exit code is an error record (AdminTaskFailed) naming the command and the code, so -ErrorAction Stop fails a script or pipeline step; -PassThru adds a TwelveFactor.AdminTaskResult.\n\nOn -Timeout or Ctrl+C the whole process tree gets a graceful stop (SIGTERM to its process group on Linux and macOS), then is killed after -ShutdownTimeout; no process is left behind. When $env:TF_BUILD is set (Azure Pipelines), ##vso[ in the task's output is neutralised to **vso[ so a task cannot inject logging commands.\n\nEvery run is appended to the audit trail beside the release store (Get-TfAdminTask): who, when, release, environment, command, exit code, duration; never a value. Environments named like production (prod*, production, live; set $env:TF_PRODUCTION_ENVIRONMENTS to a comma-separated list of wildcards to change the rule) ask for confirmation; -Force skips it in automation.\n\nWith -Container the task runs in a Docker container (the release's image digest, or -Image), with the config as the container's environment, the same streaming, exit code, timeout and graceful stop (docker stop semantics), and the container removed afterwards. DOCKER_HOST selects the engine.",
        "parameters": {"Timeout": "Stop the task after this long: a graceful stop first, then a kill after -ShutdownTimeout. A TimeSpan such as 00:05:00."},
        "inputs": [("TwelveFactor.Release", "A release from Get-TfRelease: Id, App and Environment bind by property name.")],
        "outputs": {"System.String": "Each line the task writes to stdout, as it is written.", "TwelveFactor.AdminTaskResult": "With -PassThru, after the output: Release, Command, ExitCode, StartedAt, Duration, TimedOut."},
        "examples": [
            ("Migrate with the latest release", "Get-TfRelease -Latest -Environment production | Invoke-TfAdminTask dotnet -ArgumentList app.dll, migrate -Force -ErrorAction Stop", "Runs the migration with the release's files and config; a failure stops the script."),
            ("A quick check with staging's config", "Invoke-TfAdminTask ./scripts/check-db.sh -Environment staging -Set @{ LOG_LEVEL = 'debug' } -Timeout 00:02:00", "Runs a script with staging's env files as its environment, one value overridden."),
            ("In a container", "Invoke-TfAdminTask sh -ArgumentList '-c', 'echo $DATABASE_URL | cut -d@ -f2' -Container -Image myapp:1.4 -Environment staging", "Runs the command in a throwaway container of the image with staging's config."),
        ],
        "links": ["Get-TfAdminTask", "Get-TfRelease"],
    },
    "Get-TfAdminTask": {
        "synopsis": "Lists the audit trail of admin tasks: who ran what, where, when, and how it ended.",
        "description": "Get-TfAdminTask reads the append-only audit trail that Invoke-TfAdminTask writes beside the release store (in the local default store when the release store is remote) and emits one TwelveFactor.AdminTaskRecord per run, newest first: StartedAt, User, Host, Release, Environment, Command (secret values masked), Image, ExitCode, Duration, TimedOut, and the names of keys overridden with -Set. It never holds a config value.",
        "inputs": [("TwelveFactor.Release", "Release (Id) binds by property name.")],
        "outputs": {"TwelveFactor.AdminTaskRecord": "One per run, newest first."},
        "examples": [
            ("The last ten tasks", "Get-TfAdminTask -Last 10", "Lists who ran what recently."),
            ("Tasks run with one release", "Get-TfRelease -Id v12 | Get-TfAdminTask", "Lists the tasks run with release v12."),
        ],
        "links": ["Invoke-TfAdminTask"],
    },
}
