using System;
using System.Collections;
using System.Management.Automation;
using Amazon.CognitoIdentityProvider;
using Amazon.CognitoIdentityProvider.Model;
using CognitoAdminAuth.Cmdlets;
using CognitoAdminAuth.Common;
using CognitoAdminAuth.Completion;
using CognitoAdminAuth.Native;
using CognitoAdminAuth.Native.Contract;
using CognitoAdminAuth.Native.Generated;

namespace Amazon.PowerShell.Cmdlets.CGIP
{
    /// <summary>AdminInitiateAuth: starts a sign-in as an administrator (AWS.Tools' Start-CGIPAuthAdmin).</summary>
    [Cmdlet("Start", "CGIPAuthAdmin", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AdminInitiateAuthResponse))]
    public class StartCGIPAuthAdminCmdlet : CognitoOperationCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        [ArgumentCompleter(typeof(AuthFlowCompleter))]
        public AuthFlowType AuthFlow { get; set; }

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

        protected override string OperationName => NativeNames.Operation.AdminInitiateAuth;
        protected override Type ResponseType => typeof(AdminInitiateAuthResponse);
        protected override string KindParameterName => nameof(AuthFlow);

        private protected override IAuthInput OperationInput() => new AdminInitiateAuthInput
        {
            AuthFlow = AuthFlow?.Value,
            AuthParameters = StringMaps.WithEntry(StringMaps.FromHashtable(AuthParameter, nameof(AuthParameter)), "PASSWORD", Secrets.Reveal(Password, nameof(Password))),
        };

        private protected override object ReadResponse(ReadOnlySpan<byte> json) => ResponseReader.Read<AdminInitiateAuthResponse>(json);
    }
}
