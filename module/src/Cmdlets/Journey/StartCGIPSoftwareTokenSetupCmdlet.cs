using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Security;
using CognitoAdminAuth.Aws;
using CognitoAdminAuth.Common;
using CognitoAdminAuth.History;
using CognitoAdminAuth.Native.Contract;
using CognitoAdminAuth.Native.Generated;

namespace CognitoAdminAuth.Cmdlets.Journey
{
    /// <summary>
    /// The first step of MFA_SETUP (or of adding an authenticator for a signed-in user): AssociateSoftwareToken,
    /// with the secret handed back as a SecureString and as an otpauth:// URI (also a SecureString) that an
    /// authenticator app reads, and the new Session and the user's name for Complete-CGIPSoftwareTokenSetup.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "CGIPSoftwareTokenSetup")]
    [OutputType(TypeName)]
    public class StartCGIPSoftwareTokenSetupCmdlet : ServiceOperationCmdlet
    {
        public const string TypeName = "CognitoAdminAuth.SoftwareTokenSetup";
        private static readonly ServiceCall Named = new ServiceCall<AssociateSoftwareTokenResponse>(
            NativeNames.Operation.AssociateSoftwareToken, SdkTypes.AssociateResponseName, AssociateSoftwareTokenResponse.Read, Redaction.Response);

        /// <summary>The MFA_SETUP challenge's Session, bound from the piped response.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string Session { get; set; }

        /// <summary>A signed-in user's access token, to add an authenticator outside a sign-in.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [SecretParameter]
        public object AccessToken { get; set; }

        /// <summary>The user's name; by default the challenge's USER_ID_FOR_SRP (the real name when an alias signed in).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string Username { get; set; }

        /// <summary>The piped challenge's parameters, where USER_ID_FOR_SRP names the user.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ChallengeParameters")]
        public IDictionary ChallengeParameter { get; set; }

        /// <summary>The issuer an authenticator app shows beside the account (otpauth:// URI).</summary>
        [Parameter]
        public string Issuer { get; set; } = "Amazon Cognito";

        private protected override ServiceCall Operation => Named;
        private protected override IEnumerable<string> MandatoryParameters => Array.Empty<string>();

        private protected override IContractWriter BuildInput() =>
            new AssociateSoftwareTokenInput { Session = Session, AccessToken = Secrets.Reveal(AccessToken, nameof(AccessToken)) };

        private protected override object Execute(ClientSettings settings)
        {
            var response = Call(settings, Operation, OrInvalidCast(BuildInput), null);
            var secret = (string)response.GetType().GetProperty("SecretCode").GetValue(response);
            var user = Username ?? (ChallengeParameter?["USER_ID_FOR_SRP"] as string);
            var setup = new PSObject();
            setup.TypeNames.Insert(0, TypeName);
            setup.Properties.Add(new PSNoteProperty("Username", user));
            setup.Properties.Add(new PSNoteProperty("SecretCode", Protect(secret)));
            setup.Properties.Add(new PSNoteProperty("OtpAuthUri", Protect(OtpAuthUri(secret, user, Issuer))));
            setup.Properties.Add(new PSNoteProperty("Session", response.GetType().GetProperty("Session").GetValue(response)));
            return setup;
        }

        /// <summary>The Key Uri Format authenticator apps read (google-authenticator wiki): label issuer:account, SHA1, 6 digits, 30 s.</summary>
        internal static string OtpAuthUri(string secret, string user, string issuer)
        {
            var label = Uri.EscapeDataString(issuer) + ":" + Uri.EscapeDataString(user ?? "user");
            return $"otpauth://totp/{label}?secret={secret}&issuer={Uri.EscapeDataString(issuer)}&algorithm=SHA1&digits=6&period=30";
        }

        private static SecureString Protect(string value)
        {
            if (value == null) return null;
            var secure = new SecureString();
            foreach (var c in value) secure.AppendChar(c);
            secure.MakeReadOnly();
            return secure;
        }
    }
}
