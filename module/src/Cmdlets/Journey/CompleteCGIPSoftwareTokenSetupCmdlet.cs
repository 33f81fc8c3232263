using System;
using System.Collections.Generic;
using System.Management.Automation;
using CognitoAdminAuth.Aws;
using CognitoAdminAuth.Common;
using CognitoAdminAuth.History;
using CognitoAdminAuth.Native.Contract;
using CognitoAdminAuth.Native.Generated;

namespace CognitoAdminAuth.Cmdlets.Journey
{
    /// <summary>
    /// The last steps of MFA_SETUP: VerifySoftwareToken with a code from the new authenticator (computed from the
    /// piped secret unless -UserCode is given), then AdminRespondToAuthChallenge with MFA_SETUP and the Session it
    /// returned, which ends the sign-in with tokens. With an access token instead of a Session, only the first.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Complete, "CGIPSoftwareTokenSetup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(SdkTypes.RespondResponseName, SdkTypes.VerifyResponseName)]
    public class CompleteCGIPSoftwareTokenSetupCmdlet : ServiceOperationCmdlet
    {
        private static readonly ServiceCall Verify = new ServiceCall<VerifySoftwareTokenResponse>(
            NativeNames.Operation.VerifySoftwareToken, SdkTypes.VerifyResponseName, VerifySoftwareTokenResponse.Read, Redaction.Response);
        private static readonly ServiceCall Respond = new ServiceCall<AuthResponse>(
            NativeNames.Operation.AdminRespondToAuthChallenge, SdkTypes.RespondResponseName, AuthResponse.Read, Redaction.Response);

        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        public string ClientId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string UserPoolId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string Username { get; set; }

        /// <summary>The Session of Start-CGIPSoftwareTokenSetup's answer.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string Session { get; set; }

        /// <summary>The secret being registered (SecureString or string), from which the code is computed without -UserCode.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [SecretParameter]
        public object SecretCode { get; set; }

        /// <summary>A code the user read off the authenticator app.</summary>
        [Parameter]
        public string UserCode { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string FriendlyDeviceName { get; set; }

        /// <summary>A signed-in user's access token (instead of a Session): the authenticator is verified, no challenge answered.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [SecretParameter]
        public object AccessToken { get; set; }

        /// <summary>The app client's secret, for SECRET_HASH of the MFA_SETUP answer; never sent.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [SecretParameter]
        public object ClientSecret { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        private protected override ServiceCall Operation => Verify;
        private protected override string ShouldProcessTarget => Username ?? string.Empty;
        private protected override bool ForceRequested => Force.IsPresent;
        private protected override IEnumerable<string> MandatoryParameters => Array.Empty<string>();

        private protected override IContractWriter BuildInput() => new VerifySoftwareTokenInput
        {
            Session = Session,
            AccessToken = Secrets.Reveal(AccessToken, nameof(AccessToken)),
            UserCode = UserCode,
            FriendlyDeviceName = FriendlyDeviceName,
        };

        private protected override object Execute(ClientSettings settings)
        {
            if (UserCode == null && SecretCode == null)
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("Give -UserCode, or pipe Start-CGIPSoftwareTokenSetup's answer (its SecretCode) so that the module computes the code."),
                    "UserCodeMissing", ErrorCategory.InvalidArgument, null));
            if (AccessToken == null && (string.IsNullOrEmpty(ClientId) || string.IsNullOrEmpty(UserPoolId) || string.IsNullOrEmpty(Username)))
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("Answering MFA_SETUP needs -ClientId, -UserPoolId and -Username (piped from Start-CGIPSoftwareTokenSetup)."),
                    "ChallengeTargetMissing", ErrorCategory.InvalidArgument, null));
            var extras = new EnvelopeExtras { TotpSecret = Secrets.Reveal(SecretCode, nameof(SecretCode)) };
            var verified = Call(settings, Verify, OrInvalidCast(BuildInput), extras);
            if (AccessToken != null) return verified;
            var answer = new AdminRespondToAuthChallengeInput
            {
                ClientId = ClientId,
                UserPoolId = UserPoolId,
                ChallengeName = "MFA_SETUP",
                ChallengeResponses = new Dictionary<string, string> { ["USERNAME"] = Username },
                Session = (string)verified.GetType().GetProperty("Session").GetValue(verified),
            };
            return Call(settings, Respond, answer, new EnvelopeExtras { ClientSecret = Secrets.Reveal(ClientSecret, nameof(ClientSecret)) });
        }
    }
}
