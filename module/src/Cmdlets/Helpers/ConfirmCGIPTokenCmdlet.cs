using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Security.Authentication;
using System.Threading;
using CognitoAdminAuth.Common;
using CognitoAdminAuth.Native;
using CognitoAdminAuth.Native.Contract;
using CognitoAdminAuth.Native.Generated;

namespace CognitoAdminAuth.Cmdlets.Helpers
{
    /// <summary>
    /// Verifies a Cognito ID or access token as aws-jwt-verify does (signature by the pool's JWKS key the token
    /// names, issuer, token use, client, expiry, optional groups and scopes) and outputs its claims. The JWKS is
    /// fetched by the native core with the SDK's HTTP client and proxy settings, kept per process, and fetched
    /// again for a key it does not hold (at most once per interval).
    /// </summary>
    [Cmdlet(VerbsLifecycle.Confirm, "CGIPToken")]
    [OutputType(TypeName)]
    public class ConfirmCGIPTokenCmdlet : PSCmdlet
    {
        public const string TypeName = "CognitoAdminAuth.VerifiedToken";
        private CancellationTokenSource _stopping;
        /// <summary>The script's environment (proxy settings) as the pipeline started: read once, not per token.</summary>
        private ClientSettings _settings;

        /// <summary>The ID or access token (string or SecureString).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("IdToken", "AccessToken")]
        public object Token { get; set; }

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public string UserPoolId { get; set; }

        /// <summary>The app clients the token may be for: the ID token's aud, the access token's client_id.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public string[] ClientId { get; set; }

        [Parameter]
        [ValidateSet("id", "access")]
        public string TokenUse { get; set; }

        [Parameter]
        public string[] Group { get; set; }

        [Parameter]
        public string[] Scope { get; set; }

        [Parameter]
        [ValidateRange(0, 86400)]
        public int GraceSeconds { get; set; }

        [Parameter]
        public string Issuer { get; set; }

        [Parameter]
        public string JwksUri { get; set; }

        /// <summary>A JWKS file to verify with, offline: nothing is fetched.</summary>
        [Parameter]
        public string JwksPath { get; set; }

        /// <summary>The moment to check expiry against; now by default.</summary>
        [Parameter]
        public DateTimeOffset? ValidAt { get; set; }

        protected override void BeginProcessing()
        {
            _stopping = new CancellationTokenSource();
            _settings = new ClientSettings { Environment = ScriptEnvironment.Capture() };
        }

        protected override void StopProcessing() => _stopping?.Cancel();

        protected override void EndProcessing() => _stopping?.Dispose();

        protected override void ProcessRecord()
        {
            string jwks = null;
            if (JwksPath != null)
            {
                var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(JwksPath);
                try { jwks = File.ReadAllText(path); }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    ThrowTerminatingError(new ErrorRecord(e, "JwksFileUnreadable", ErrorCategory.ReadError, path));
                }
            }
            var input = new VerifyTokenInput
            {
                Token = Secrets.Reveal(TokenOf(Token), nameof(Token)),
                UserPoolId = UserPoolId,
                ClientIds = ClientId?.ToList(),
                TokenUse = TokenUse,
                Groups = Group?.ToList(),
                Scopes = Scope?.ToList(),
                GraceSeconds = MyInvocation.BoundParameters.ContainsKey(nameof(GraceSeconds)) ? GraceSeconds : (int?)null,
                Issuer = Issuer,
                JwksUri = JwksUri,
                Jwks = jwks,
                Now = ValidAt?.ToUnixTimeSeconds(),
            };
            VerifiedToken verified;
            try
            {
                verified = NativeCore.Invoke(NativeRequest.Create(NativeNames.Operation.VerifyToken, _settings, input), _stopping.Token, VerifiedToken.Read);
            }
            catch (NativeCallException e)
            {
                ThrowTerminatingError(Failure(e));
                return; // not reached: ThrowTerminatingError always throws
            }
            var o = new PSObject();
            o.TypeNames.Insert(0, TypeName);
            o.Properties.Add(new PSNoteProperty("TokenUse", verified.TokenUse));
            o.Properties.Add(new PSNoteProperty("Claims", verified.Claims));
            o.Properties.Add(new PSNoteProperty("ExpiresAt", verified.Expires.HasValue ? DateTimeOffset.FromUnixTimeSeconds(verified.Expires.Value).UtcDateTime : (DateTime?)null));
            o.Properties.Add(new PSNoteProperty("KeyId", verified.Kid));
            o.Properties.Add(new PSNoteProperty("JwksUri", verified.JwksUri));
            o.Properties.Add(new PSNoteProperty("SignatureVerified", true));
            WriteObject(o);
        }

        /// <summary>
        /// The token itself where an object holding it was piped (PowerShell binds any object to an object-typed
        /// parameter by value before it looks at property names): its Token, or the IdToken or AccessToken that
        /// -TokenUse names; an AuthenticationResult holds both, so without -TokenUse it is refused, not guessed.
        /// </summary>
        private object TokenOf(object value)
        {
            var o = value as PSObject ?? (value is string || value is System.Security.SecureString || value == null ? null : PSObject.AsPSObject(value));
            if (o == null || o.BaseObject is string || o.BaseObject is System.Security.SecureString) return value;
            var named = new[] { "Token", TokenUse == "id" ? "IdToken" : null, TokenUse == "access" ? "AccessToken" : null }
                .Where(n => n != null && o.Properties[n]?.Value != null).ToList();
            if (named.Count == 0 && TokenUse == null && o.Properties["IdToken"]?.Value != null && o.Properties["AccessToken"]?.Value != null)
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("The piped object holds an IdToken and an AccessToken: say which with -TokenUse id or -TokenUse access."),
                    "AmbiguousToken", ErrorCategory.InvalidArgument, null));
            if (named.Count == 0) named = new[] { "IdToken", "AccessToken" }.Where(n => o.Properties[n]?.Value != null).ToList();
            return named.Count == 0 ? value : o.Properties[named[0]].Value;
        }

        /// <summary>A failed check is a security error whose id names the check; a JWKS that cannot be had, what went wrong with it.</summary>
        private ErrorRecord Failure(NativeCallException e)
        {
            switch (e.Kind)
            {
                case NativeNames.ErrorKind.Verification:
                    return new ErrorRecord(new AuthenticationException(e.Message), e.Code, ErrorCategory.SecurityError, null);
                case NativeNames.ErrorKind.Cancelled when _stopping.IsCancellationRequested:
                    throw new PipelineStoppedException();
                case NativeNames.ErrorKind.Transport:
                    return new ErrorRecord(new HttpRequestException(e.Message), e.Code, ErrorCategory.ConnectionError, JwksUri);
                case NativeNames.ErrorKind.Timeout:
                    return new ErrorRecord(new TimeoutException(e.Message), e.Code, ErrorCategory.OperationTimeout, JwksUri);
                case NativeNames.ErrorKind.InvalidResponse:
                    return new ErrorRecord(new InvalidDataException(e.Message), e.Code, ErrorCategory.InvalidData, JwksUri);
                default:
                    return new ErrorRecord(new ArgumentException(e.Message), e.Code, ErrorCategory.InvalidArgument, null);
            }
        }
    }
}
