/**
 * For tests only (`@secure-ml/verify/testing`): decides the shared case tables offline with
 * @cloud-copilot/iam-simulate, which is AGPL-3.0 and so is never imported by what users run (docs: TOOLCHAIN).
 */
export { decideOwnerCase, type OwnerDocuments } from './owner-cases';
