import { Controller, Post, Req } from '@nestjs/common';
import { WebhookService } from './webhook.service';

@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhookService) {}

  @Post('clerk')
  handle(@Req() req: any) { // ✓ the injected service verifies the svix signature (throws when bad)
    const evt = this.webhooks.verify(req.rawBody, req.headers) as { type: string };
    return { received: evt.type };
  }
}
