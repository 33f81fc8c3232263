# Paths, encodings, line endings and library loading as the platform has them — written for Windows, where
# the module's users are, and run on both: under Wine by the win-x64 PowerShell (tests/Run-AllTests.ps1),
# on Linux by the Linux one. Tests of Windows-only places (%USERPROFILE%) are skipped on Linux.
# Profiles are checked through what users rely on — which key the request was signed with, as moto's request
# recorder saw it — so the tests hold whichever code reads the files.
BeforeAll {
    Import-Module $env:CGIP_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    $script:modulePath = (Get-Module CognitoAdminAuth).Path | Split-Path -Parent
    $script:pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    $script:server = Start-MotoServer
    $script:pool = New-TestUserPool $script:server
    $script:signIn = Get-TestSignIn $script:pool
    $script:endpoint = @{ EndpointUrl = $script:server.Url; Region = 'us-east-1' }
    $script:work = Join-Path ([IO.Path]::GetTempPath()) "cgip-platform-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
    New-Item -ItemType Directory -Path $script:work | Out-Null

    # Only the files a test names may supply credentials.
    $script:credentialVariables = 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_DEFAULT_PROFILE',
    'AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE'
    function script:Write-CrlfIni([string] $Path, [string[]] $Lines) {
        New-Item -ItemType Directory -Force -Path (Split-Path $Path -Parent) | Out-Null
        [IO.File]::WriteAllText($Path, (($Lines -join "`r`n") + "`r`n"), [Text.UTF8Encoding]::new($false))
    }
    function script:Invoke-Recorded([scriptblock] $Call) {
        Start-MotoRecording $script:server
        $result = & $Call
        [pscustomobject]@{ Result = $result; Requests = @(Get-MotoRecordedRequest $script:server) }
    }
}

AfterAll {
    Stop-TestServer $script:server
    Remove-Item $script:work -Recurse -Force -ErrorAction Ignore
}

Describe 'Profiles in Windows places and formats' {
    BeforeEach {
        $script:savedEnv = @{}
        # Remove-Item, not SetEnvironmentVariable($null): PowerShell passes $null to a string as '', and on
        # Windows that leaves the variable set, empty.
        foreach ($name in $script:credentialVariables) { $script:savedEnv[$name] = [Environment]::GetEnvironmentVariable($name); Remove-Item "env:$name" -ErrorAction Ignore }
    }
    AfterEach {
        foreach ($name in $script:savedEnv.Keys) {
            if ($null -eq $script:savedEnv[$name]) { Remove-Item "env:$name" -ErrorAction Ignore } else { Set-Item "env:$name" $script:savedEnv[$name] }
        }
    }

    It 'signs with the key of a CRLF credentials file in %USERPROFILE%\.aws, the default place on Windows' -Skip:(-not $IsWindows) {
        # The Wine prefix's own user profile (Windows has no HOME; the known folder and %USERPROFILE% agree there).
        $aws = Join-Path $env:USERPROFILE '.aws'
        $backup = "$aws.cgip-backup"
        if (Test-Path $aws) { Move-Item $aws $backup -Force }
        try {
            Write-CrlfIni (Join-Path $aws 'credentials') @('[default]', 'aws_access_key_id = AKIDUSERPROFILEDEF', 'aws_secret_access_key = not-this-one',
                '', '[windows-user]', 'aws_access_key_id = AKIDUSERPROFILE', 'aws_secret_access_key = userprofile-secret')
            $call = Invoke-Recorded { Start-CGIPAuthAdmin @script:signIn @script:endpoint -ProfileName windows-user }
            $call.Result.AuthenticationResult.AccessToken | Should -Not -BeNullOrEmpty
            $call.Requests.AccessKeyId | Should -Be 'AKIDUSERPROFILE'
        } finally {
            Remove-Item $aws -Recurse -Force -ErrorAction Ignore
            if (Test-Path $backup) { Move-Item $backup $aws -Force }
        }
    }

    It 'reads -ProfileLocation given as a full path with spaces and non-ASCII folder names, CRLF line endings' {
        $file = Join-Path $script:work 'Zoë Müller' 'my profiles' 'credentials.ini'
        if ($IsWindows) { $file | Should -Match '^[A-Za-z]:\\' -Because 'the test must exercise a drive-letter path with backslashes' }
        Write-CrlfIni $file @('[ci]', 'aws_access_key_id = AKIDPROFILELOCATION', 'aws_secret_access_key = location-secret')
        $call = Invoke-Recorded { Start-CGIPAuthAdmin @script:signIn @script:endpoint -ProfileName ci -ProfileLocation $file }
        $call.Result.AuthenticationResult.AccessToken | Should -Not -BeNullOrEmpty
        $call.Requests.AccessKeyId | Should -Be 'AKIDPROFILELOCATION'
    }
}

Describe 'Non-ASCII user names and passwords' {
    It 'signs in a user whose name and password are not ASCII, sending both as UTF-8' {
        $user = New-TestUserPool $script:server -UserName 'zoë.müller-ñ' -Password 'Pässwört-9!€ü'
        $userSignIn = Get-TestSignIn $user
        $call = Invoke-Recorded { Start-CGIPAuthAdmin @userSignIn @script:endpoint -AccessKey AKIDTEST -SecretKey test-secret }
        # moto compares the password it stored: a token means the same characters arrived.
        $call.Result.AuthenticationResult.AccessToken | Should -Not -BeNullOrEmpty
        $body = $call.Requests[-1].BodyBytes
        $strict = [Text.UTF8Encoding]::new($false, $true)
        $text = $strict.GetString($body)   # throws on anything but valid UTF-8
        ($text | ConvertFrom-Json).AuthParameters.USERNAME | Should -BeExactly 'zoë.müller-ñ'
    }
}

Describe 'Finding the native library when installed' {
    BeforeAll {
        $script:rid = "$($IsWindows ? 'win' : $IsMacOS ? 'osx' : 'linux')-$([Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture.ToString().ToLowerInvariant())"
        $script:libName = $IsWindows ? 'cgip_native.dll' : $IsMacOS ? 'libcgip_native.dylib' : 'libcgip_native.so'
        # Copies the module as a user installs it, under a folder with spaces, with the native libraries in the
        # layout asked for; returns the copy's manifest path.
        function script:Install-ModuleCopy([string] $Name, [ValidateSet('Runtimes', 'BesideAssembly', 'None')] [string] $Layout) {
            $dest = Join-Path $script:work "Program Files $Name" 'WindowsPowerShell Modules' 'CognitoAdminAuth'
            New-Item -ItemType Directory -Force -Path $dest | Out-Null
            Get-ChildItem $script:modulePath -Exclude runtimes | Copy-Item -Destination $dest -Recurse
            $lib = Join-Path $script:modulePath 'runtimes' $script:rid 'native' $script:libName
            switch ($Layout) {
                'Runtimes' { Copy-Item (Join-Path $script:modulePath 'runtimes') $dest -Recurse }
                'BesideAssembly' { Copy-Item $lib $dest }
            }
            Join-Path $dest 'CognitoAdminAuth.psd1'
        }
        # A fresh process, so that the library is looked up from that copy only.
        function script:Invoke-SignInFrom([string] $Manifest) {
            $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$($Manifest -replace "'", "''")'
try {
    `$r = Start-CGIPAuthAdmin -ClientId '$($script:pool.ClientId)' -UserPoolId '$($script:pool.UserPoolId)' -AuthFlow ADMIN_USER_PASSWORD_AUTH ``
        -AuthParameter @{ USERNAME = '$($script:pool.UserName)'; PASSWORD = '$($script:pool.Password)' } ``
        -EndpointUrl '$($script:server.Url)' -Region us-east-1 -AccessKey AKIDTEST -SecretKey test-secret
    'token=' + [bool]`$r.AuthenticationResult.AccessToken
} catch { 'error=' + `$_.Exception.Message }
"@
            @(& $script:pwsh -NoProfile -NonInteractive -Command $script 2>&1 | ForEach-Object { "$_" })
        }
    }

    It 'loads runtimes/<rid>/native/ of a module installed under a path with spaces' {
        Invoke-SignInFrom (Install-ModuleCopy 'runtimes' Runtimes) | Should -Contain 'token=True'
    }

    It 'loads the library beside the assembly under a path with spaces' {
        Invoke-SignInFrom (Install-ModuleCopy 'beside' BesideAssembly) | Should -Contain 'token=True'
    }

    It 'names the platform and the missing file when the package has no library for this platform' {
        $output = Invoke-SignInFrom (Install-ModuleCopy 'none' None)
        $line = $output | Where-Object { $_ -like 'error=*' }
        $line | Should -Not -BeNullOrEmpty
        $line | Should -Match ([regex]::Escape($script:rid))
        $line | Should -Match ([regex]::Escape($script:libName))
    }
}
