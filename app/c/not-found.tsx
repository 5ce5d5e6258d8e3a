import { ConfirmationUnavailable } from '@/components/confirmations/confirmation-unavailable';

export default ConfirmationUnavailable;
