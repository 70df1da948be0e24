import { Module } from '@nestjs/common';
import { NotesController } from './notes/notes.controller';
import { AdminController } from './admin/admin.controller';
import { WebhooksController } from './webhooks/webhooks.controller';
import { WebhookService } from './webhooks/webhook.service';

// No APP_GUARD here: each controller chooses its guards.
@Module({
  controllers: [NotesController, AdminController, WebhooksController],
  providers: [WebhookService],
})
export class AppModule {}
