# The manifest and the Gallery package, as PowerShellGet and a user installing the module see them.
BeforeAll {
    $script:modulePath = $env:CGIP_TEST_MODULE
    $script:manifestPath = Join-Path $script:modulePath 'CognitoAdminAuth.psd1'
}

Describe 'The module manifest' {
    It 'passes Test-ModuleManifest and names everything a Gallery module needs' {
        $m = Test-ModuleManifest $script:manifestPath
        # One assembly for both editions, imported by the manifest itself (docs/native-interop.md, "Two editions").
        $m.RootModule | Should -Be 'CognitoAdminAuth.dll'
        $m.Version | Should -BeGreaterThan ([version]'0.0')
        $m.Guid | Should -Not -Be ([guid]::Empty)
        @($m.CompatiblePSEditions | Sort-Object) | Should -Be @('Core', 'Desktop')
        $m.PowerShellVersion | Should -Be ([version]'5.1')
        $m.DotNetFrameworkVersion | Should -Be ([version]'4.7.2')
        $m.ExportedCmdlets.Keys | Should -Contain 'Start-CGIPAuthAdmin'
        $m.ExportedCmdlets.Keys | Should -Not -Contain '*'
        $data = (Import-PowerShellDataFile $script:manifestPath)
        $data.FormatsToProcess | Should -Be @('CognitoAdminAuth.Format.ps1xml')
        # The platform tags say what the package really holds; build.ps1 builds linux-x64 and win-x64 here.
        $data.PrivateData.PSData.Tags | Should -Contain 'Linux'
        $data.PrivateData.PSData.Tags | Should -Contain 'Windows'
        $data.PrivateData.PSData.Tags | Should -Not -Contain 'MacOS'
        $data.PrivateData.PSData.ProjectUri | Should -Match '^https://'
        $data.PrivateData.PSData.LicenseUri | Should -Match '^https://'
        $data.PrivateData.PSData.ReleaseNotes | Should -Not -BeNullOrEmpty
    }

    It 'lists only files that are in the module folder' {
        foreach ($file in (Import-PowerShellDataFile $script:manifestPath).FileList) {
            Join-Path $script:modulePath $file | Should -Exist
        }
    }
}

Describe 'The Gallery package' {
    It 'holds the manifest, the assembly and a native library per platform, and tags exactly those platforms' -Tag NotUnderWine {
        $out = Join-Path ([IO.Path]::GetTempPath()) "cgip-package-$([guid]::NewGuid().ToString('n'))"
        try {
            $package = & (Join-Path $PSScriptRoot '../scripts/New-ModulePackage.ps1') -ModulePath $script:modulePath -OutDir $out 6>$null
            $package.Name | Should -Match '^CognitoAdminAuth\.\d+\.\d+\.\d+.*\.nupkg$'
            Add-Type -AssemblyName System.IO.Compression.FileSystem
            $zip = [IO.Compression.ZipFile]::OpenRead($package.FullName)
            try {
                $entries = $zip.Entries.FullName
                $reader = [IO.StreamReader]::new($zip.GetEntry('CognitoAdminAuth.psd1').Open())
                try { $packagedManifest = $reader.ReadToEnd() } finally { $reader.Dispose() }
            } finally { $zip.Dispose() }
            $entries | Should -Contain 'CognitoAdminAuth.psd1'
            $entries | Should -Contain 'CognitoAdminAuth.dll'
            $entries | Should -Contain 'System.Text.Json.dll'
            @($entries | Where-Object { $_ -like '*.psm1' -or $_ -like '*/CognitoAdminAuth.dll' }) | Should -BeNullOrEmpty
            $libraries = @($entries | Where-Object { $_ -like 'runtimes/*/native/*cgip_native*' })
            $libraries | Should -Not -BeNullOrEmpty
            $built = @(Get-ChildItem (Join-Path $script:modulePath 'runtimes') -Directory).Name
            @($libraries | ForEach-Object { ($_ -split '/')[1] } | Sort-Object -Unique) | Should -Be @($built | Sort-Object)
            Set-Content -Path (Join-Path $out 'packaged.psd1') -Value $packagedManifest
            $tags = (Import-PowerShellDataFile (Join-Path $out 'packaged.psd1')).PrivateData.PSData.Tags
            $expected = @($built | ForEach-Object { @{ linux = 'Linux'; win = 'Windows'; osx = 'MacOS' }[($_ -split '-')[0]] } | Sort-Object -Unique)
            @($tags | Where-Object { $_ -in 'Linux', 'Windows', 'MacOS' } | Sort-Object) | Should -Be $expected
        } finally {
            Remove-Item $out -Recurse -Force -ErrorAction Ignore
        }
    }
}
