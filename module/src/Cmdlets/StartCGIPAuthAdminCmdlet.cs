using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using CognitoAdminAuth.Aws;
using CognitoAdminAuth.Cmdlets;
using CognitoAdminAuth.Common;
using CognitoAdminAuth.Completion;
using CognitoAdminAuth.History;
using CognitoAdminAuth.Native.Contract;
using CognitoAdminAuth.Native.Generated;

namespace Amazon.PowerShell.Cmdlets.CGIP
{
    /// <summary>AdminInitiateAuth: starts a sign-in as an administrator (AWS.Tools' Start-CGIPAuthAdmin).</summary>
    [Cmdlet("Start", "CGIPAuthAdmin", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(SdkTypes.InitiateResponseName)]
    public class StartCGIPAuthAdminCmdlet : CognitoOperationCmdlet
    {
        private static readonly SdkParameter AuthFlow = KindParameter("AuthFlow", typeof(InitiateSdkParameterSet<,,,>));
        internal static readonly IReadOnlyList<SdkParameter> Declared = WithCommon(AuthFlow);
        private static readonly SdkParameterSetType Set = AuthSet(typeof(InitiateSdkParameterSet<,,,>), SdkTypes.AuthFlowTypeName);

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("AuthParameters")]
        public Hashtable AuthParameter { get; set; }

        /// <summary>
        /// The user's password (SecureString or string), added to AuthParameters as PASSWORD unless one is
        /// there. With USER_SRP_AUTH the module computes SRP_A and keeps the password in memory for the
        /// PASSWORD_VERIFIER answer; it is not sent.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [SecretParameter]
        public object Password { get; set; }

        private static readonly ServiceCall Named = new ServiceCall<AuthResponse>(NativeNames.Operation.AdminInitiateAuth, SdkTypes.InitiateResponseName, AuthResponse.Read, Redaction.Response);
        private protected override ServiceCall Operation => Named;
        private protected override SdkParameter Kind => AuthFlow;
        private protected override SdkParameterSetType SdkParameterSet => Set;
        private protected override IReadOnlyList<SdkParameter> SdkParameters => Declared;

        private protected override IAuthInput OperationInput() => new AdminInitiateAuthInput
        {
            AuthFlow = KindValue,
            AuthParameters = StringMaps.WithEntry(StringMaps.FromHashtable(AuthParameter, nameof(AuthParameter)), "PASSWORD", Secrets.Reveal(Password, nameof(Password))),
        };
    }
}
