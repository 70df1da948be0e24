import { Controller, Delete, Get, Param, Post, UseGuards } from '@nestjs/common';
import { ClerkGuard } from '../auth/clerk.guard';

@Controller('notes')
export class NotesController {
  @Get()
  list() { // ✗ GET /api/notes: no guard
    return [];
  }

  @Post()
  @UseGuards(ClerkGuard)
  create() { // ✓ method guard
    return {};
  }

  @Delete(':id')
  @UseGuards(ClerkGuard)
  remove(@Param('id') id: string) { // ✓ method guard
    return { id };
  }
}
