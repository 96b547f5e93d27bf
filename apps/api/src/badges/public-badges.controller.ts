import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { PublicBadgeDocuments, type PublicDocument } from '@app/badges';
import { Public } from '../auth/auth.decorators';
import { ProblemDto } from '../http/problem.dto';

const JSON_LD = 'application/ld+json';
const HTML_PAGE_POLICY =
  "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";
/** An SVG opened by itself runs its scripts in our origin unless the policy forbids them. */
const IMAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";

/**
 * What verifiers and people dereference (issue 14): every URL inside our credentials. Public, no cookies, readable
 * from any origin (verifiers run in browsers too). The same URL gives JSON-LD to machines and a page to people,
 * by `Accept`; unknown or malformed ids are 404 problem+json.
 */
@ApiTags('badges')
@Public()
@ApiNotFoundResponse({ type: ProblemDto, description: 'No such issuer, key, badge, credential or status list' })
@Controller('badges')
export class PublicBadgesController {
  constructor(private readonly documents: PublicBadgeDocuments) {}

  @Get('issuers/:issuerId')
  @ApiProduces(JSON_LD, 'text/html')
  @ApiOkResponse({
    description:
      'The OB 3.0 Profile, also the controller document of its keys: `verificationMethod` lists every Multikey ' +
      '(retired ones too) and `assertionMethod` their ids. An HTML page for `Accept: text/html`.',
  })
  async issuer(@Param('issuerId') issuerId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    negotiate(req, res, await this.documents.issuer(issuerId));
  }

  @Get('issuers/:issuerId/keys/:keyId')
  @ApiProduces(JSON_LD)
  @ApiOkResponse({ description: 'One verification method: a Multikey with the Multikey v1 context' })
  async key(
    @Param('issuerId') issuerId: string,
    @Param('keyId') keyId: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    negotiate(req, res, await this.documents.key(issuerId, keyId));
  }

  @Get('achievements/:achievementId')
  @ApiProduces(JSON_LD, 'text/html')
  @ApiOkResponse({ description: 'The OB 3.0 Achievement; an HTML page for `Accept: text/html`' })
  async achievement(
    @Param('achievementId') achievementId: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    negotiate(req, res, await this.documents.achievement(achievementId));
  }

  @Get('achievements/:achievementId/image')
  @ApiProduces('image/png', 'image/svg+xml')
  @ApiOkResponse({
    description: 'The badge image (the default badge when it has none)',
    schema: { type: 'string', format: 'binary' },
  })
  async achievementImage(@Param('achievementId') achievementId: string, @Res() res: Response): Promise<void> {
    const image = await this.documents.achievementImage(achievementId);
    res
      .status(200)
      .set({ ...publicHeaders(), 'Content-Type': image.contentType, 'Content-Security-Policy': IMAGE_POLICY })
      .send(image.bytes);
  }

  @Get('credentials/:awardId')
  @ApiProduces(JSON_LD, 'text/html')
  @ApiOkResponse({
    description:
      'The signed OpenBadgeCredential as issued; for `Accept: text/html` a page with the badge, issuer, dates and ' +
      'state (the holder is named only by a hashed email, so the page names nobody)',
  })
  async credential(@Param('awardId') awardId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    // Revocation changes what the page says: revalidate every time.
    res.setHeader('Cache-Control', 'no-cache');
    negotiate(req, res, await this.documents.credential(awardId));
  }

  @Get('credentials/:awardId/badge.png')
  @ApiProduces('image/png')
  @ApiOkResponse({
    description: 'The badge image with the credential baked in (an iTXt chunk), as a download',
    schema: { type: 'string', format: 'binary' },
  })
  bakedPng(@Param('awardId') awardId: string, @Res() res: Response): Promise<void> {
    return this.sendBaked(awardId, 'png', res);
  }

  @Get('credentials/:awardId/badge.svg')
  @ApiProduces('image/svg+xml')
  @ApiOkResponse({
    description: 'The badge image with the credential baked in (openbadges:credential), as a download',
    schema: { type: 'string', format: 'binary' },
  })
  bakedSvg(@Param('awardId') awardId: string, @Res() res: Response): Promise<void> {
    return this.sendBaked(awardId, 'svg', res);
  }

  @Get('status-lists/:statusListId')
  @ApiProduces(JSON_LD)
  @ApiOkResponse({
    description: 'The signed BitstringStatusListCredential, always current (`Cache-Control: no-cache`)',
  })
  async statusList(
    @Param('statusListId') statusListId: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    // A cached list would hide a revocation from verifiers.
    res.setHeader('Cache-Control', 'no-cache');
    negotiate(req, res, await this.documents.statusList(statusListId));
  }

  private async sendBaked(awardId: string, format: 'png' | 'svg', res: Response): Promise<void> {
    const baked = await this.documents.bakedImage(awardId, format);
    res
      .status(200)
      .set({
        ...publicHeaders(),
        'Content-Type': baked.contentType,
        // The name is an ASCII slug (letters, digits, dashes), so it needs no encoding.
        'Content-Disposition': `attachment; filename="${baked.fileName}"`,
        'Content-Security-Policy': IMAGE_POLICY,
        'Cache-Control': 'no-cache',
      })
      .send(baked.bytes);
  }
}

function publicHeaders(): Record<string, string> {
  return { 'Access-Control-Allow-Origin': '*', 'X-Content-Type-Options': 'nosniff' };
}

/** JSON-LD unless the client prefers HTML (browsers do) and the document has a page. */
function negotiate(req: Request, res: Response, document: PublicDocument): void {
  const preferred = req.accepts([JSON_LD, 'application/json', 'text/html']);
  res.status(200).set({ ...publicHeaders(), Vary: 'Accept' });
  if (preferred === 'text/html' && document.html) {
    res.set({ 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': HTML_PAGE_POLICY });
    res.send(document.html());
    return;
  }
  const type = preferred === 'application/json' ? 'application/json' : JSON_LD;
  res.set('Content-Type', `${type}; charset=utf-8`).send(JSON.stringify(document.jsonLd));
}
