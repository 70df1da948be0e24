import { Injectable } from '@nestjs/common';
import { Webhook } from 'svix';

@Injectable()
export class WebhookService {
  verify(payload: string, headers: Record<string, string>) {
    const wh = new Webhook(process.env.CLERK_WEBHOOK_SIGNING_SECRET as string);
    return wh.verify(payload, headers);
  }
}
