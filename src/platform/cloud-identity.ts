import { credentialHosts } from '../private/lazy';

/**
 * A cloud identity for kpack's controller: annotations on its ServiceAccount (`kpack/controller`), plus pod
 * labels where the provider needs them, so the controller reads registries (ECR, Artifact Registry, ACR)
 * through the cloud's credential helpers instead of a registry secret.
 *
 * Build pods run with the Image's ServiceAccount and do not get this identity: annotate that ServiceAccount too.
 */
export class CloudIdentity {
  /** AWS IAM Roles for Service Accounts (EKS): `eks.amazonaws.com/role-arn`. */
  public static awsIamRole(roleArn: string): CloudIdentity {
    if (!/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\/-]+$/.test(roleArn)) {
      throw new Error(`controllerIdentity: the IAM role ARN ${JSON.stringify(roleArn)} is not of the form `
        + 'arn:aws:iam::<12-digit account>:role/<name>');
    }
    return new CloudIdentity({ [credentialHosts().AWS_ROLE_ANNOTATION]: roleArn }, {});
  }

  /** GKE Workload Identity: `iam.gke.io/gcp-service-account`. */
  public static gcpServiceAccount(email: string): CloudIdentity {
    if (!/^[a-z][a-z0-9-]{4,28}[a-z0-9]@[a-z0-9.:-]+\.iam\.gserviceaccount\.com$/.test(email)) {
      throw new Error(`controllerIdentity: the Google service account ${JSON.stringify(email)} is not of the form `
        + '<name>@<project>.iam.gserviceaccount.com');
    }
    return new CloudIdentity({ [credentialHosts().GCP_SERVICE_ACCOUNT_ANNOTATION]: email }, {});
  }

  /**
   * Azure Workload Identity (AKS): `azure.workload.identity/client-id` (and `tenant-id` when given) on the
   * ServiceAccount, and the pod label `azure.workload.identity/use: "true"` the Azure webhook selects on.
   */
  public static azureWorkloadIdentity(clientId: string, tenantId?: string): CloudIdentity {
    const guid = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
    for (const [what, value] of [['client id', clientId], ['tenant id', tenantId]]) {
      if (value !== undefined && !guid.test(value)) {
        throw new Error(`controllerIdentity: the Azure ${what} ${JSON.stringify(value)} is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)`);
      }
    }
    const annotations: { [key: string]: string } = { [credentialHosts().AZURE_CLIENT_ID_ANNOTATION]: clientId };
    if (tenantId !== undefined) annotations['azure.workload.identity/tenant-id'] = tenantId;
    return new CloudIdentity(annotations, { 'azure.workload.identity/use': 'true' });
  }

  private constructor(
    private readonly annotations: { [key: string]: string },
    private readonly labels: { [key: string]: string }) {}

  /** The annotations of the controller's ServiceAccount. */
  public get serviceAccountAnnotations(): { [key: string]: string } {
    return { ...this.annotations };
  }

  /** The labels of the controller's pod. */
  public get podLabels(): { [key: string]: string } {
    return { ...this.labels };
  }
}
