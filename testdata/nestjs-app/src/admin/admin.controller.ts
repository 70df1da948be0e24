import { Controller, Get, Post, UseGuards } from '@nestjs/common';
import { ClerkGuard, DebugGuard } from '../auth/clerk.guard';

@Controller({ path: 'admin' })
@UseGuards(ClerkGuard)
export class AdminController {
  @Get('stats')
  stats() { // ✓ class guard
    return {};
  }
}

@Controller('debug')
@UseGuards(DebugGuard)
export class DebugController {
  @Post('reset')
  reset() { // ✗ DebugGuard returns true before checking anything
    return {};
  }
}
